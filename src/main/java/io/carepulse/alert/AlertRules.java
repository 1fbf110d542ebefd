package io.carepulse.alert;

import io.carepulse.engine.CallEngine;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Signal;
import io.carepulse.score.Trend;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The alert episodes of one call: fed every applied frame with what the core made of it, it answers which alerts were
 * raised or cleared. Each kind is raised once per episode and cleared when the episode ends (and every open alert is
 * cleared when the call ends). Time is call time from the frames, never a clock, so time-based rules (a low score
 * "for 20 s", a hold "longer than 60 s") are checked whenever a frame arrives — the softphone plugin streams audio
 * windows every few hundred ms while a call is live, so that is often enough. Not thread-safe: one call, one owner.
 */
public final class AlertRules {

  private final String callId;
  private final AlertSettings settings;
  private final Map<AlertKind, Alert> open = new EnumMap<>(AlertKind.class);
  private int raised;

  private long startTs = Long.MIN_VALUE;
  private long now;
  private long seq;
  private int score = -1;
  private Trend trend = Trend.STEADY;

  private long lowSinceMs = -1;
  /** The highest score inside the sharp-drop window, and when. */
  private final WindowPeak recentScores = new WindowPeak();
  private int dropFloor;
  private long dropFloorAtMs;
  private long lastEscalationMs;
  private long lastChurnThreatMs;
  private long holdSinceMs = -1;
  /** Recent (callTimeMs, score at that time) of dismissed or unhelpful prompts. */
  private final ArrayDeque<long[]> dismissals = new ArrayDeque<>();
  private int dismissBaseline;

  public AlertRules(String callId, AlertSettings settings) {
    this.callId = callId;
    this.settings = settings;
  }

  /** One applied frame of the call and the core's step for it; returns the alerts it raised or cleared, in order. */
  public List<AlertChange> applied(CallFrame frame, CallEngine.Step step) {
    advance(frame);
    List<AlertChange> changes = new ArrayList<>();
    step.score().ifPresent(update -> scored(update, changes));
    for (Signal signal : step.signals()) {
      signal(signal, changes);
    }
    if (frame instanceof SoftphoneEvent event) {
      softphone(event, changes);
    } else if (frame instanceof PromptFeedback feedback) {
      feedback(feedback, changes);
    }
    timeRules(changes);
    if (frame instanceof CallEnd) {
      clearAll("call ended", changes);
    }
    return changes;
  }

  /** The call is over without (or after) its call.end, e.g. its agent never came back: closes what is still open. */
  public List<AlertChange> ended(String why) {
    List<AlertChange> changes = new ArrayList<>();
    clearAll(why, changes);
    return changes;
  }

  /** The open alerts, most urgent first. */
  public List<Alert> open() {
    List<Alert> alerts = new ArrayList<>(open.values());
    alerts.sort((a, b) -> b.severity().compareTo(a.severity()));
    return alerts;
  }

  public long callTimeMs() {
    return now;
  }

  private void advance(CallFrame frame) {
    if (startTs == Long.MIN_VALUE) {
      startTs = frame.ts();
    }
    // As in the scoring core: call time never runs backwards.
    now = Math.max(now, frame.ts() - startTs);
    seq = frame.seq();
  }

  private void scored(ScoreUpdate update, List<AlertChange> changes) {
    score = update.score();
    trend = update.trend();
    if (score < settings.lowScore()) {
      if (lowSinceMs < 0) {
        lowSinceMs = now;
      }
    } else if (score >= settings.lowScore() + settings.clearMargin()) {
      lowSinceMs = -1;
      clear(AlertKind.LOW_SCORE, "score back at " + score, changes);
    }
    sharpDrop(changes);
  }

  private void sharpDrop(List<AlertChange> changes) {
    recentScores.expire(now, settings.sharpDropWindowMs());
    if (open.containsKey(AlertKind.SHARP_DROP)) {
      if (score < dropFloor) {
        dropFloor = score;
        dropFloorAtMs = now;
      } else if (score >= dropFloor + (settings.sharpDropPoints() + 1) / 2) {
        clear(AlertKind.SHARP_DROP, "score recovering (" + dropFloor + " → " + score + ")", changes);
        // A fresh window, or the same old peak would raise the drop again on the next dip.
        recentScores.clear();
      }
    } else {
      if (!recentScores.isEmpty() && recentScores.score() - score >= settings.sharpDropPoints()) {
        int peak = recentScores.score();
        dropFloor = score;
        dropFloorAtMs = now;
        raise(AlertKind.SHARP_DROP, "score fell " + (peak - score) + " points in "
            + seconds(now - recentScores.time()) + " (" + peak + " → " + score + ")", changes);
      }
    }
    recentScores.add(now, score);
  }

  private void signal(Signal signal, List<AlertChange> changes) {
    switch (signal.kind()) {
      case CUSTOMER_ESCALATION -> {
        lastEscalationMs = now;
        raise(AlertKind.ESCALATION_REQUEST, "customer asked for a manager", changes);
      }
      case CUSTOMER_CHURN_THREAT -> {
        lastChurnThreatMs = now;
        raise(AlertKind.CHURN_THREAT, "customer threatened to leave", changes);
      }
      case CUSTOMER_RECOVERED -> {
        clear(AlertKind.ESCALATION_REQUEST, "customer's mood recovered", changes);
        clear(AlertKind.CHURN_THREAT, "customer's mood recovered", changes);
      }
      default -> {
      }
    }
  }

  private void softphone(SoftphoneEvent event, List<AlertChange> changes) {
    switch (event.kind()) {
      case HOLD -> {
        if (holdSinceMs < 0) {
          holdSinceMs = now;
        }
      }
      case UNHOLD -> {
        if (holdSinceMs >= 0) {
          clear(AlertKind.LONG_HOLD, "off hold after " + seconds(now - holdSinceMs), changes);
        }
        holdSinceMs = -1;
      }
      case TRANSFER, CONFERENCE -> {
        // The customer got what they asked for: someone else is on the call now.
        String why = event.kind() == SoftphoneEvent.Kind.TRANSFER ? "call transferred" : "someone was conferenced in";
        clear(AlertKind.ESCALATION_REQUEST, why, changes);
        clear(AlertKind.CHURN_THREAT, why, changes);
      }
      default -> {
      }
    }
  }

  private void feedback(PromptFeedback feedback, List<AlertChange> changes) {
    switch (feedback.action()) {
      case DISMISSED, UNHELPFUL -> dismissals.addLast(new long[] {now, score});
      case HELPFUL -> {
        dismissals.clear();
        clear(AlertKind.PROMPTS_IGNORED, "agent found a prompt helpful", changes);
      }
      default -> {
      }
    }
  }

  private void timeRules(List<AlertChange> changes) {
    if (lowSinceMs >= 0 && now - lowSinceMs >= settings.lowScoreForMs()) {
      raise(AlertKind.LOW_SCORE, "score " + score + ", below " + settings.lowScore() + " for "
          + seconds(now - lowSinceMs), changes);
    }
    if (open.containsKey(AlertKind.SHARP_DROP) && now - dropFloorAtMs >= settings.sharpDropWindowMs()) {
      clear(AlertKind.SHARP_DROP, "no further drop for " + seconds(now - dropFloorAtMs), changes);
      recentScores.clear();
    }
    if (open.containsKey(AlertKind.ESCALATION_REQUEST) && now - lastEscalationMs >= settings.customerQuietMs()) {
      clear(AlertKind.ESCALATION_REQUEST, "no further request for " + seconds(now - lastEscalationMs), changes);
    }
    if (open.containsKey(AlertKind.CHURN_THREAT) && now - lastChurnThreatMs >= settings.customerQuietMs()) {
      clear(AlertKind.CHURN_THREAT, "no further threat for " + seconds(now - lastChurnThreatMs), changes);
    }
    if (holdSinceMs >= 0 && now - holdSinceMs >= settings.longHoldMs()) {
      raise(AlertKind.LONG_HOLD, "on hold for " + seconds(now - holdSinceMs) + " (limit "
          + seconds(settings.longHoldMs()) + ")", changes);
    }
    promptsIgnored(changes);
  }

  private void promptsIgnored(List<AlertChange> changes) {
    while (!dismissals.isEmpty() && now - dismissals.peekFirst()[0] > settings.promptsIgnoredWindowMs()) {
      dismissals.pollFirst();
    }
    if (open.containsKey(AlertKind.PROMPTS_IGNORED)) {
      if (score >= dismissBaseline) {
        clear(AlertKind.PROMPTS_IGNORED, "score back at " + score, changes);
        dismissals.clear();
      } else if (dismissals.isEmpty()) {
        clear(AlertKind.PROMPTS_IGNORED, "no dismissed prompt for " + seconds(settings.promptsIgnoredWindowMs()),
            changes);
      }
      return;
    }
    if (dismissals.size() >= settings.promptsIgnored()) {
      int before = (int) dismissals.peekFirst()[1];
      if (score < before || trend == Trend.FALLING) {
        dismissBaseline = before;
        raise(AlertKind.PROMPTS_IGNORED, dismissals.size() + " prompts dismissed in "
            + seconds(now - dismissals.peekFirst()[0]) + " while the score fell (" + before + " → " + score + ")",
            changes);
      }
    }
  }

  private void raise(AlertKind kind, String message, List<AlertChange> changes) {
    if (open.containsKey(kind)) {
      return;
    }
    Alert alert = new Alert(callId + "-a" + (++raised), callId, kind, kind.severity(), message, seq, now);
    open.put(kind, alert);
    changes.add(AlertChange.raised(alert));
  }

  private void clear(AlertKind kind, String why, List<AlertChange> changes) {
    Alert alert = open.remove(kind);
    if (alert != null) {
      changes.add(AlertChange.cleared(new Alert(alert.alertId(), callId, kind, alert.severity(), why, seq, now)));
    }
  }

  private void clearAll(String why, List<AlertChange> changes) {
    Collection<AlertKind> kinds = new ArrayList<>(open.keySet());
    for (AlertKind kind : kinds) {
      clear(kind, why, changes);
    }
    lowSinceMs = -1;
    holdSinceMs = -1;
    dismissals.clear();
  }

  static String seconds(long ms) {
    return (ms + 500) / 1000 + " s";
  }
}
