package io.carepulse.replay;

import io.carepulse.coach.Prompt;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.Reason;
import io.carepulse.score.ScoreUpdate;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code replay --pretty}: a call as a person reads it, one line per thing said or done, with the score after it,
 * the reasons it moved and the prompts the agent got:
 *
 * <pre>
 *  0:12  customer  You've charged me twice again.                      48 ▼  −15 empathy  Customer was upset…
 *        PROMPT    acknowledge_feelings: Acknowledge how they feel before solving.
 * </pre>
 *
 * Audio windows are not lines of their own; their score moves are shown when they carry a reason (dead air, a long
 * hold). Calls may interleave in the input; every line names its call when they do.
 */
public final class Timeline implements Replay.Listener {

  private static final int TEXT_WIDTH = 64;

  private final PrintWriter out;
  private final Map<String, Long> startTs = new HashMap<>();
  private final Map<String, Integer> lastScore = new HashMap<>();
  private String currentCall;

  public Timeline(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void applied(CallFrame frame, CallEngine.Step step) {
    if (frame instanceof CallStart start) {
      startTs.put(start.callId(), start.ts());
      header(start);
      return;
    }
    switchTo(frame.callId());
    String time = clock(frame.ts() - startTs.getOrDefault(frame.callId(), frame.ts()));
    String who;
    String what;
    if (frame instanceof Utterance utterance && utterance.isFinal()) {
      who = utterance.speaker().wire();
      what = utterance.text();
    } else if (frame instanceof SoftphoneEvent event) {
      who = "";
      what = "[" + event.kind().wire() + (event.detail() == null ? "" : " " + event.detail()) + "]";
    } else if (frame instanceof EmotionEstimate emotion) {
      who = "";
      what = String.format(Locale.ROOT, "(emotion from %s: valence %.2f)", emotion.source(), emotion.valence());
    } else if (frame instanceof CallEnd end) {
      who = "";
      what = "[call ends" + (end.reason() == null ? "" : ": " + end.reason()) + "]";
    } else {
      // audio windows, partials, feedback: a line only when the score moved for a reason
      if (step.score().map(s -> s.reasons().isEmpty()).orElse(true) && step.prompts().isEmpty()) {
        return;
      }
      who = "";
      what = "";
    }
    line(time, who, what, step.score().orElse(null));
    for (Prompt prompt : step.prompts()) {
      out.printf(Locale.ROOT, "  %5s  %-8s  %s: %s%n", "", "PROMPT", prompt.kindNames(), prompt.text());
    }
  }

  @Override
  public void summary(CallSummary summary) {
    switchTo(summary.callId());
    out.printf(Locale.ROOT, "  end: score %d, call score %d, lowest %d; prompts: %s%n%n", summary.score(),
        summary.callScore(), summary.minScore(), summary.prompts().isEmpty() ? "none"
            : String.join(", ", summary.prompts().stream().map(p -> p.wire()).toList()));
    out.flush();
  }

  private void header(CallStart start) {
    currentCall = start.callId();
    StringBuilder header = new StringBuilder("call ").append(start.callId());
    if (start.customer().name() != null) {
      header.append(" · customer ").append(start.customer().name());
    }
    if (start.teamId() != null) {
      header.append(" · team ").append(start.teamId());
    }
    out.println(header);
    out.printf(Locale.ROOT, "  %5s  %-8s  %-" + TEXT_WIDTH + "s  %5s  %s%n", "time", "who", "said or did", "score",
        "why it moved");
  }

  private void switchTo(String callId) {
    if (!callId.equals(currentCall)) {
      currentCall = callId;
      out.println("call " + callId + " (continued)");
    }
  }

  private void line(String time, String who, String what, ScoreUpdate score) {
    List<String> wrapped = wrap(what, TEXT_WIDTH);
    String scoreText = "";
    List<Reason> reasons = List.of();
    if (score != null) {
      Integer before = lastScore.put(score.callId(), score.score());
      String arrow = before == null || before == score.score() ? " " : score.score() > before ? "▲" : "▼";
      scoreText = score.score() + " " + arrow;
      reasons = score.reasons();
    }
    for (int i = 0; i < Math.max(wrapped.size(), Math.max(1, reasons.size())); i++) {
      String text = i < wrapped.size() ? wrapped.get(i) : "";
      String why = i < reasons.size() ? reason(reasons.get(i)) : "";
      out.println(String.format(Locale.ROOT, "  %5s  %-8s  %-" + TEXT_WIDTH + "s  %5s  %s", i == 0 ? time : "",
          i == 0 ? who : "", text, i == 0 ? scoreText : "", why).stripTrailing());
    }
  }

  private static String reason(Reason reason) {
    return String.format(Locale.ROOT, "%+.1f %s: %s", reason.delta(), reason.part().wire(), reason.text());
  }

  static List<String> wrap(String text, int width) {
    if (text.length() <= width) {
      return List.of(text);
    }
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  static String clock(long ms) {
    long seconds = Math.max(0, ms) / 1000;
    return seconds / 60 + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
  }
}
