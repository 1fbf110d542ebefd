package io.carepulse.tools.devdata;

import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a USS text dialogue into client frames with synthetic, deterministic timing: each turn lasts as long as
 * its words take at a conversational 150 words per minute, and the next turn starts after a short gap, so timing
 * rules in the core see an ordinary, unhurried exchange rather than zero-length turns.
 */
public final class UssReplay {

  static final long MS_PER_WORD = 60_000 / 150;
  static final long GAP_MS = 700;

  private UssReplay() {
  }

  public static String callId(UssDialogue dialogue) {
    return "uss-" + dialogue.number();
  }

  public static List<CallFrame> frames(UssDialogue dialogue) {
    String callId = callId(dialogue);
    List<CallFrame> frames = new ArrayList<>();
    frames.add(new CallStart(callId, 1, HvbReplay.EPOCH_BASE_MS, null, "uss", null, Map.of()));
    long cursorMs = GAP_MS;
    int turnNumber = 0;
    for (UssDialogue.Turn turn : dialogue.turns()) {
      turnNumber++;
      if (turn.text().isEmpty()) {
        continue;
      }
      long durationMs = Math.max(1, wordCount(turn.text())) * MS_PER_WORD;
      Speaker speaker = turn.role() == UssDialogue.Role.USER ? Speaker.CUSTOMER : Speaker.AGENT;
      frames.add(new Utterance(callId, frames.size() + 1, HvbReplay.EPOCH_BASE_MS + cursorMs, speaker, turn.text(),
          true, cursorMs, cursorMs + durationMs, callId + "-" + turnNumber));
      cursorMs += durationMs + GAP_MS;
    }
    frames.add(new CallEnd(callId, frames.size() + 1, HvbReplay.EPOCH_BASE_MS + cursorMs, "completed"));
    return frames;
  }

  static int wordCount(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
  }
}
