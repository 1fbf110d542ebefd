package io.carepulse.tools.bench;

import io.carepulse.tools.simulate.ReplayScript;
import io.carepulse.tools.simulate.ReplayScripts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark call says: the protocol v1 frames a softphone plugin sends during a live call, with the words of
 * the bundled Harper Valley Bank calls. After {@code call.start} every call repeats a cycle of ten frames — six
 * acoustic windows (the last of which, in two cycles out of twenty, is a hold or an unhold event instead) and two
 * utterances, each sent as a partial and then as a final — so that about a fifth of the frames are ones protocol v1
 * must answer with a score.
 *
 * <p>Frames are written as bytes directly (not through JsonObject or even a String): the generator must measure the
 * server, not itself.
 */
final class FrameMix {

  static final int CYCLE = 10;
  private static final int EVENT_EVERY_CYCLES = 20;

  private final List<List<Line>> calls;

  private FrameMix(List<List<Line>> calls) {
    this.calls = calls;
  }

  /** The bundled samples' final utterances, one list per recorded call. */
  static FrameMix bundled() {
    List<List<Line>> calls = new ArrayList<>();
    for (ReplayScript script : ReplayScripts.bundledSamples()) {
      List<Line> lines = new ArrayList<>();
      for (JsonObject frame : script.frames()) {
        if ("utterance".equals(frame.getString("type")) && frame.getBoolean("final", false)) {
          lines.add(new Line(frame.getString("speaker"), frame.getString("text")));
        }
      }
      if (!lines.isEmpty()) {
        calls.add(lines);
      }
    }
    if (calls.isEmpty()) {
      throw new IllegalStateException("the bundled samples hold no utterances");
    }
    return new FrameMix(calls);
  }

  /** The script of the {@code index}-th benchmark call: it speaks the lines of one recorded call, round and round. */
  Script script(int index, String callId) {
    return script(index, callId, LoadPlan.DEFAULT_TEAM);
  }

  /** The same, for a call of {@code teamId} (the team decides which supervisors see the call). */
  Script script(int index, String callId, String teamId) {
    return new Script(callId, teamId, calls.get(index % calls.size()));
  }

  /** A final utterance of a recorded call, its text (and its first half, the partial) JSON-escaped and UTF-8 encoded. */
  record Line(byte[] speaker, byte[] escapedText, byte[] escapedHalf) {

    Line(String speaker, String text) {
      this(ascii(speaker), utf8(escape(text)), utf8(escape(firstHalf(text))));
    }

    private static String firstHalf(String text) {
      String[] words = text.split(" ");
      return String.join(" ", java.util.Arrays.copyOf(words, Math.max(1, words.length / 2)));
    }

    private static String escape(String text) {
      String quoted = Json.encode(text);
      return quoted.substring(1, quoted.length() - 1);
    }
  }

  /**
   * One call's frames by seq, written straight into a pooled buffer from bytes encoded once: no string is built or
   * encoded per frame. Not thread-safe; each call is driven by one event loop.
   */
  static final class Script {

    private static final byte[] AGENT = ascii("agent");
    private static final byte[] CUSTOMER = ascii("customer");
    private static final byte[] ACOUSTIC = ascii("acoustic");
    private static final byte[] UTTERANCE = ascii("utterance");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] TYPE = ascii("{\"type\":\"");
    private static final byte[] CALL_ID = ascii("\",\"callId\":\"");
    private static final byte[] SEQ = ascii("\",\"seq\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] SPEAKER = ascii(",\"speaker\":\"");
    private static final byte[] WINDOW = ascii("\",\"windowMs\":500,\"rmsDb\":");
    private static final byte[] PITCH = ascii(",\"pitchHz\":");
    private static final byte[] VOICED = ascii(",\"voicedRatio\":0.");
    private static final byte[] WPM = ascii(",\"wordsPerMin\":");
    private static final byte[] TEXT = ascii("\",\"text\":\"");
    private static final byte[] FINAL_TRUE = ascii("\",\"final\":true");
    private static final byte[] FINAL_FALSE = ascii("\",\"final\":false");
    private static final byte[] START_MS = ascii(",\"startMs\":");
    private static final byte[] END_MS = ascii(",\"endMs\":");
    private static final byte[] UTTERANCE_ID = ascii(",\"utteranceId\":\"u");
    private static final byte[] HOLD = ascii(",\"kind\":\"hold\"}");
    private static final byte[] UNHOLD = ascii(",\"kind\":\"unhold\"}");

    private final String callId;
    private final byte[] callIdBytes;
    private final String teamId;
    private final List<Line> lines;

    Script(String callId, String teamId, List<Line> lines) {
      this.callId = callId;
      this.callIdBytes = utf8(callId);
      this.teamId = teamId;
      this.lines = lines;
    }

    /** protocol v1 answers these with a score: call.start, final utterances, events, call.end. */
    static boolean scoreDue(long seq) {
      if (seq == 1) {
        return true;
      }
      int slot = (int) ((seq - 2) % CYCLE);
      return slot == 3 || slot == 7 || slot == 9 && isEventCycle(seq);
    }

    private static boolean isEventCycle(long seq) {
      long cycle = (seq - 2) / CYCLE;
      return cycle % EVENT_EVERY_CYCLES == EVENT_EVERY_CYCLES - 1 || cycle % EVENT_EVERY_CYCLES == 0 && cycle > 0;
    }

    /** The frame with this seq as text (tests, and anything that wants to read it). */
    String frame(long seq, long ts, long callMs) {
      ByteBuf bytes = frameBytes(seq, ts, callMs);
      try {
        return bytes.toString(StandardCharsets.UTF_8);
      } finally {
        bytes.release();
      }
    }

    /**
     * The frame with this seq in a pooled buffer the caller hands on (a WebSocket write releases it); {@code ts} is the
     * client event time, {@code callMs} the time since call start.
     */
    ByteBuf frameBytes(long seq, long ts, long callMs) {
      if (seq == 1) {
        return Unpooled.copiedBuffer("{\"type\":\"call.start\",\"callId\":\"" + callId + "\",\"seq\":1,\"ts\":" + ts
            + ",\"customer\":{\"name\":\"Load Test\"},\"teamId\":\"" + teamId + "\",\"locale\":\"en-US\"}",
            StandardCharsets.UTF_8);
      }
      ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(320);
      long cycle = (seq - 2) / CYCLE;
      int slot = (int) ((seq - 2) % CYCLE);
      if (slot == 9 && isEventCycle(seq)) {
        // Hold at the end of one cycle, unhold at the end of the next: a short hold every 200 frames.
        head(out, EVENT, seq, ts);
        out.writeBytes(cycle % EVENT_EVERY_CYCLES == EVENT_EVERY_CYCLES - 1 ? HOLD : UNHOLD);
        return out;
      }
      if (slot % 2 == 0 || slot == 9) {
        boolean agent = slot % 4 == 0;
        // Plausible browser features that vary a little from window to window.
        int wiggle = (int) (seq % 7);
        head(out, ACOUSTIC, seq, ts);
        out.writeBytes(SPEAKER).writeBytes(agent ? AGENT : CUSTOMER).writeBytes(WINDOW);
        number(out, -32 + wiggle);
        out.writeBytes(PITCH);
        number(out, agent ? 120 + wiggle * 3 : 190 + wiggle * 4);
        out.writeBytes(VOICED);
        number(out, 4 + wiggle % 5);
        out.writeBytes(WPM);
        number(out, 140 + wiggle * 5);
        out.writeByte('}');
        return out;
      }
      // slots 1, 3, 5, 7: partial then final of one utterance; two utterances per cycle.
      long utterance = cycle * 2 + (slot >= 5 ? 1 : 0);
      Line line = lines.get((int) (utterance % lines.size()));
      boolean isFinal = slot == 3 || slot == 7;
      head(out, UTTERANCE, seq, ts);
      out.writeBytes(SPEAKER).writeBytes(line.speaker()).writeBytes(TEXT)
          .writeBytes(isFinal ? line.escapedText() : line.escapedHalf()).writeBytes(isFinal ? FINAL_TRUE : FINAL_FALSE)
          .writeBytes(START_MS);
      number(out, Math.max(0, callMs - 1500));
      out.writeBytes(END_MS);
      number(out, callMs);
      out.writeBytes(UTTERANCE_ID);
      number(out, utterance);
      out.writeByte('"').writeByte('}');
      return out;
    }

    String end(long seq, long ts) {
      return "{\"type\":\"call.end\",\"callId\":\"" + callId + "\",\"seq\":" + seq + ",\"ts\":" + ts
          + ",\"reason\":\"bench finished\"}";
    }

    private void head(ByteBuf out, byte[] type, long seq, long ts) {
      out.writeBytes(TYPE).writeBytes(type).writeBytes(CALL_ID).writeBytes(callIdBytes).writeBytes(SEQ);
      number(out, seq);
      out.writeBytes(TS);
      number(out, ts);
    }

    /** Decimal digits of {@code value}, as Long.toString writes them, without the string. */
    static void number(ByteBuf out, long value) {
      if (value < 0) {
        out.writeByte('-');
        value = -value;
      }
      if (value < 10) {
        out.writeByte('0' + (int) value);
        return;
      }
      int digits = 0;
      for (long v = value; v > 0; v /= 10) {
        digits++;
      }
      int at = out.writerIndex() + digits;
      out.ensureWritable(digits);
      out.writerIndex(at);
      for (long v = value; v > 0; v /= 10) {
        out.setByte(--at, '0' + (int) (v % 10));
      }
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String hello(String token) {
    return String.format(Locale.ROOT,
        "{\"type\":\"hello\",\"token\":\"%s\",\"client\":{\"name\":\"carepulse-bench\",\"version\":\"0.1\"}}", token);
  }
}
