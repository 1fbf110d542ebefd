package io.carepulse.tools.bench;

import io.carepulse.tools.simulate.ReplayScript;
import io.carepulse.tools.simulate.ReplayScripts;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark call says: the protocol v1 frames a softphone plugin sends during a live call, with the words of
 * the bundled Harper Valley Bank calls. After {@code call.start} every call repeats a cycle of ten frames — six
 * acoustic windows (the last of which, in two cycles out of twenty, is a hold or an unhold event instead) and two
 * utterances, each sent as a partial and then as a final — so that about a fifth of the frames are ones protocol v1
 * must answer with a score.
 *
 * <p>Frames are written as text directly (not through JsonObject): the generator shares the cores with the server,
 * and every microsecond it spends is one the server does not get.
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

  /** A final utterance of a recorded call, with its text already escaped for a JSON string. */
  record Line(String speaker, String escapedText, String escapedHalf) {

    Line(String speaker, String text) {
      this(speaker, escape(text), escape(firstHalf(text)));
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

  /** One call's frames by seq. Not thread-safe; each call is driven by one event loop. */
  static final class Script {

    private final String callId;
    private final String teamId;
    private final List<Line> lines;
    private final StringBuilder text = new StringBuilder(256);

    Script(String callId, String teamId, List<Line> lines) {
      this.callId = callId;
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

    /** The frame with this seq; {@code ts} is the client event time, {@code callMs} the time since call start. */
    String frame(long seq, long ts, long callMs) {
      text.setLength(0);
      if (seq == 1) {
        return text.append("{\"type\":\"call.start\",\"callId\":\"").append(callId)
            .append("\",\"seq\":1,\"ts\":").append(ts)
            .append(",\"customer\":{\"name\":\"Load Test\"},\"teamId\":\"").append(teamId)
            .append("\",\"locale\":\"en-US\"}").toString();
      }
      long cycle = (seq - 2) / CYCLE;
      int slot = (int) ((seq - 2) % CYCLE);
      if (slot == 9 && isEventCycle(seq)) {
        // Hold at the end of one cycle, unhold at the end of the next: a short hold every 200 frames.
        String kind = cycle % EVENT_EVERY_CYCLES == EVENT_EVERY_CYCLES - 1 ? "hold" : "unhold";
        return head("event", seq, ts).append(",\"kind\":\"").append(kind).append("\"}").toString();
      }
      if (slot % 2 == 0 || slot == 9) {
        String speaker = slot % 4 == 0 ? "agent" : "customer";
        // Plausible browser features that vary a little from window to window.
        int wiggle = (int) (seq % 7);
        return head("acoustic", seq, ts).append(",\"speaker\":\"").append(speaker)
            .append("\",\"windowMs\":500,\"rmsDb\":").append(-32 + wiggle)
            .append(",\"pitchHz\":").append(speaker.equals("agent") ? 120 + wiggle * 3 : 190 + wiggle * 4)
            .append(",\"voicedRatio\":0.").append(4 + wiggle % 5)
            .append(",\"wordsPerMin\":").append(140 + wiggle * 5).append('}').toString();
      }
      // slots 1, 3, 5, 7: partial then final of one utterance; two utterances per cycle.
      long utterance = cycle * 2 + (slot >= 5 ? 1 : 0);
      Line line = lines.get((int) (utterance % lines.size()));
      boolean isFinal = slot == 3 || slot == 7;
      head("utterance", seq, ts).append(",\"speaker\":\"").append(line.speaker())
          .append("\",\"text\":\"").append(isFinal ? line.escapedText() : line.escapedHalf())
          .append("\",\"final\":").append(isFinal)
          .append(",\"startMs\":").append(Math.max(0, callMs - 1500)).append(",\"endMs\":").append(callMs)
          .append(",\"utteranceId\":\"u").append(utterance).append("\"}");
      return text.toString();
    }

    String end(long seq, long ts) {
      text.setLength(0);
      return head("call.end", seq, ts).append(",\"reason\":\"bench finished\"}").toString();
    }

    private StringBuilder head(String type, long seq, long ts) {
      return text.append("{\"type\":\"").append(type).append("\",\"callId\":\"").append(callId)
          .append("\",\"seq\":").append(seq).append(",\"ts\":").append(ts);
    }
  }

  static String hello(String token) {
    return String.format(Locale.ROOT,
        "{\"type\":\"hello\",\"token\":\"%s\",\"client\":{\"name\":\"carepulse-bench\",\"version\":\"0.1\"}}", token);
  }
}
