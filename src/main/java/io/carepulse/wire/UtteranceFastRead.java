package io.carepulse.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.io.IOException;

/**
 * Transcript frames (four in ten of a live call's frames, partials and finals) read with Jackson's streaming parser
 * straight into their record, like {@link AcousticFastRead} and under the same rule: it takes only what it is sure
 * utterance.json accepts — its own fields, {@code type} first, each once, of the right token type, strings short
 * enough whichever way the schema counts and free of U+0000 — and answers null for anything else (an extra field the
 * schema would ignore included), which the ordinary path then reads, refuses and words. {@code UtteranceFastReadTest}
 * checks the two paths agree.
 */
final class UtteranceFastRead {

  private static final int CALL_ID = 1;
  private static final int SEQ = 1 << 1;
  private static final int TS = 1 << 2;
  private static final int SPEAKER = 1 << 3;
  private static final int TEXT = 1 << 4;
  private static final int FINAL = 1 << 5;
  private static final int START = 1 << 6;
  private static final int END = 1 << 7;
  private static final int UTTERANCE_ID = 1 << 8;
  private static final int REQUIRED = CALL_ID | SEQ | TS | SPEAKER | TEXT | FINAL;

  private UtteranceFastRead() {
  }

  /** Quick test on the raw text: the fast read is tried only for frames that open with the utterance type. */
  static boolean candidate(String text) {
    return text.startsWith("{\"type\":\"utterance\"");
  }

  /** The frame, or null when the ordinary path must decide. */
  static Utterance read(String frame) {
    try (JsonParser parser = FastReadFields.JSON.createParser(frame)) {
      if (!FastReadFields.opensAs(parser, "utterance")) {
        return null;
      }
      int seen = 0;
      String callId = null;
      Speaker speaker = null;
      String text = null;
      String utteranceId = null;
      long seq = 0;
      long ts = 0;
      boolean isFinal = false;
      Long startMs = null;
      Long endMs = null;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        int bit = bit(parser.currentName());
        JsonToken value = parser.nextToken();
        if (bit == 0 || (seen & bit) != 0) {
          return null;
        }
        seen |= bit;
        switch (bit) {
          case CALL_ID -> callId = FastReadFields.callId(parser, value);
          case SPEAKER -> speaker = FastReadFields.speaker(parser, value);
          case TEXT -> text = FastReadFields.text(parser, value, 0, 4_000);
          case UTTERANCE_ID -> utteranceId = FastReadFields.text(parser, value, 1, 128);
          case FINAL -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
              return null;
            }
            isFinal = value == JsonToken.VALUE_TRUE;
          }
          default -> {
            long n = FastReadFields.integer(parser, value, bit == SEQ ? 1 : 0, FastReadFields.MAX_SAFE);
            if (n == FastReadFields.NOT_TAKEN) {
              return null;
            }
            switch (bit) {
              case SEQ -> seq = n;
              case TS -> ts = n;
              case START -> startMs = n;
              default -> endMs = n;
            }
          }
        }
        // The string reads above answer null for a value they do not take.
        if (bit == CALL_ID && callId == null || bit == SPEAKER && speaker == null || bit == TEXT && text == null
            || bit == UTTERANCE_ID && utteranceId == null) {
          return null;
        }
      }
      if (!FastReadFields.closed(parser, token, seen, REQUIRED)) {
        return null;
      }
      return new Utterance(callId, seq, ts, speaker, text, isFinal, startMs, endMs, utteranceId);
    } catch (IOException | RuntimeException malformed) {
      return null;
    }
  }

  private static int bit(String field) {
    return switch (field) {
      case "callId" -> CALL_ID;
      case "seq" -> SEQ;
      case "ts" -> TS;
      case "speaker" -> SPEAKER;
      case "text" -> TEXT;
      case "final" -> FINAL;
      case "startMs" -> START;
      case "endMs" -> END;
      case "utteranceId" -> UTTERANCE_ID;
      default -> 0;
    };
  }
}
