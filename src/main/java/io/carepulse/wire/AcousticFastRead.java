package io.carepulse.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The most frequent frame, read with Jackson's streaming parser straight into its record, without the JsonObject tree
 * and the schema walk over it (issue 14). It accepts only what it is sure the schema accepts — exactly the fields of
 * acoustic.json, {@code type} first, each once, of the right token type and well inside its bounds — and answers null
 * for anything else, which {@link FrameReader} then reads the ordinary way: so every refusal, with its message, and
 * every unusual frame (an extra field, a number at a bound, a float where an integer goes) is the tree path's.
 * {@code AcousticFastReadTest} checks both paths agree over the bench mix and a fuzz of altered frames.
 */
final class AcousticFastRead {

  private static final int CALL_ID = 1;
  private static final int SEQ = 1 << 1;
  private static final int TS = 1 << 2;
  private static final int SPEAKER = 1 << 3;
  private static final int WINDOW = 1 << 4;
  private static final int RMS = 1 << 5;
  private static final int PITCH = 1 << 6;
  private static final int VOICED = 1 << 7;
  private static final int WPM = 1 << 8;
  private static final int REQUIRED = CALL_ID | SEQ | TS | SPEAKER | WINDOW;

  private AcousticFastRead() {
  }

  /** Quick test on the raw text: the fast read is tried only for frames that open with the acoustic type. */
  static boolean candidate(String text) {
    return text.startsWith("{\"type\":\"acoustic\"");
  }

  /** The frame, or null when the ordinary path must decide. */
  static Acoustic read(String text) {
    try (JsonParser parser = FastReadFields.JSON.createParser(text)) {
      if (!FastReadFields.opensAs(parser, "acoustic")) {
        return null;
      }
      int seen = 0;
      String callId = null;
      Speaker speaker = null;
      long seq = 0;
      long ts = 0;
      long windowMs = 0;
      Double rmsDb = null;
      Double pitchHz = null;
      Double voicedRatio = null;
      Double wordsPerMin = null;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        int bit = bit(field);
        if (bit == 0 || (seen & bit) != 0) {
          return null;
        }
        seen |= bit;
        switch (bit) {
          case CALL_ID -> {
            callId = FastReadFields.callId(parser, value);
            if (callId == null) {
              return null;
            }
          }
          case SPEAKER -> {
            speaker = FastReadFields.speaker(parser, value);
            if (speaker == null) {
              return null;
            }
          }
          case SEQ, TS, WINDOW -> {
            long n = FastReadFields.integer(parser, value, bit == TS ? 0 : 1,
                bit == WINDOW ? 600_000 : FastReadFields.MAX_SAFE);
            if (n == FastReadFields.NOT_TAKEN) {
              return null;
            }
            if (bit == SEQ) {
              seq = n;
            } else if (bit == TS) {
              ts = n;
            } else {
              windowMs = n;
            }
          }
          default -> {
            Double number = number(parser, value, bit);
            if (number == null) {
              return null;
            }
            switch (bit) {
              case RMS -> rmsDb = number;
              case PITCH -> pitchHz = number;
              case VOICED -> voicedRatio = number;
              default -> wordsPerMin = number;
            }
          }
        }
      }
      if (!FastReadFields.closed(parser, token, seen, REQUIRED)) {
        return null;
      }
      return new Acoustic(callId, seq, ts, speaker, windowMs, rmsDb, pitchHz, voicedRatio, wordsPerMin);
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
      case "windowMs" -> WINDOW;
      case "rmsDb" -> RMS;
      case "pitchHz" -> PITCH;
      case "voicedRatio" -> VOICED;
      case "wordsPerMin" -> WPM;
      default -> 0;
    };
  }

  /**
   * A number field well inside its bounds. Near a bound the double may differ from the decimal the client wrote
   * (1.00000000000000001 reads as 1.0), and the schema judges the decimal: there the ordinary path decides.
   */
  private static Double number(JsonParser parser, JsonToken value, int bit) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        || parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
      return null;
    }
    double d = parser.getDoubleValue();
    double min = bit == RMS ? -200 : 0;
    double max = bit == RMS ? 200 : bit == PITCH ? 20_000 : bit == VOICED ? 1 : 2_000;
    if (!(d > min && d < max) && !(exact(parser, d) && d >= min && d <= max)) {
      return null;
    }
    return d;
  }

  /** True when the written number is exactly the double (so a comparison at a bound means what it says). */
  private static boolean exact(JsonParser parser, double d) throws IOException {
    return new BigDecimal(parser.getText()).compareTo(new BigDecimal(d)) == 0;
  }
}
