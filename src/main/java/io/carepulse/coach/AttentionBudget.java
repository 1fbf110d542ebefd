package io.carepulse.coach;

import io.carepulse.score.Signal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Decides which reasons to prompt the agent actually sees, so the agent is helped and never spammed: at most one
 * prompt per global gap, a cooldown per kind (a repeat inside it is dropped, not queued), a cap per call, nothing
 * while the customer is talking (held, and dropped once stale), and nothing the agent has already done since the
 * reason arose. Dismissed or unhelpful prompts lengthen their kind's cooldown for the rest of the call. While the call
 * is going well (its score at or above the policy's quiet-from score) only urgent prompts, check-ins and praise are
 * shown; the rest wait, and go stale if the call stays well. Two corrections from the same frame share one prompt.
 */
final class AttentionBudget {

  /**
   * The behaviour that makes a held prompt pointless. Enum-keyed so that the check, made for every held prompt on
   * every frame, is an index and a bit test rather than two hash probes (4 % of the service's CPU, issue 14).
   */
  private static final Map<PromptKind, Set<Signal.Kind>> DONE_WHEN = doneWhen();

  private static Map<PromptKind, Set<Signal.Kind>> doneWhen() {
    Map<PromptKind, Set<Signal.Kind>> done = new EnumMap<>(PromptKind.class);
    done.put(PromptKind.ACKNOWLEDGE_FEELINGS, EnumSet.of(Signal.Kind.EMPATHY_SHOWN));
    done.put(PromptKind.TAKE_OWNERSHIP, EnumSet.of(Signal.Kind.COMMITMENT_MADE));
    done.put(PromptKind.CHECK_IN, EnumSet.of(Signal.Kind.VOICE, Signal.Kind.CHECKED_IN));
    done.put(PromptKind.USE_NAME, EnumSet.of(Signal.Kind.NAME_USED));
    done.put(PromptKind.NEXT_STEPS, EnumSet.of(Signal.Kind.NEXT_STEP_GIVEN));
    done.put(PromptKind.EMPATHY_WITHOUT_ACTION, EnumSet.of(Signal.Kind.COMMITMENT_MADE));
    return done;
  }

  /** A call whose score the budget is not told of is never going well enough to hold back. */
  private static final IntSupplier NOT_SCORED = () -> Integer.MIN_VALUE;

  private final CoachingPolicy policy;
  private final List<Trigger> held = new ArrayList<>();
  private final Map<PromptKind, Long> lastShownAt = new EnumMap<>(PromptKind.class);
  private final Map<PromptKind, Double> cooldownFactor = new EnumMap<>(PromptKind.class);
  private long lastPromptAt = Long.MIN_VALUE;
  private int lastPriority;
  private int shown;

  AttentionBudget(CoachingPolicy policy) {
    this.policy = policy;
  }

  /** Offers this frame's triggers; returns the one to show now, if any. */
  Trigger offer(List<Trigger> fresh, List<Signal> signals, long now, boolean customerSpeaking) {
    return offer(fresh, signals, now, customerSpeaking, NOT_SCORED);
  }

  /** … for a call whose score is read only when something is waiting to be shown. */
  Trigger offer(List<Trigger> fresh, List<Signal> signals, long now, boolean customerSpeaking, IntSupplier score) {
    held.addAll(fresh);
    Iterator<Trigger> it = held.iterator();
    while (it.hasNext()) {
      Trigger trigger = it.next();
      if (alreadyDone(trigger, signals) || now - trigger.atMs() > policy.staleAfter(trigger.kind())
          || coolingDown(trigger.kind(), now) || shown >= policy.perCallCap()) {
        it.remove();
      }
    }
    if (held.isEmpty() || customerSpeaking) {
      return null;
    }
    boolean goingWell = score.getAsInt() >= policy.quietFromScore();
    Trigger best = null;
    for (Trigger trigger : held) {
      if ((!goingWell || worthItAnyway(trigger)) && (best == null || trigger.priority() > best.priority())) {
        best = trigger;
      }
    }
    if (best == null) {
      return null;
    }
    if (lastPromptAt != Long.MIN_VALUE) {
      long since = now - lastPromptAt;
      // Priority, not first-come: a gentle prompt shown a moment ago does not hold back a more important one.
      long gap = best.priority() > lastPriority ? policy.urgentGapMs() : policy.minGapMs();
      if (since < gap) {
        return null;
      }
    }
    held.remove(best);
    Trigger companion = companion(best, goingWell);
    if (companion != null) {
      held.remove(companion);
      lastShownAt.put(companion.kind(), now);
      best = merge(best, companion);
    }
    lastPromptAt = now;
    lastPriority = best.priority();
    lastShownAt.put(best.kind(), now);
    shown++;
    return best;
  }

  /**
   * Another correction that arose in the same frame as the chosen one: a deflection that also ignored the
   * customer's upset calls for both "acknowledge" and "own it". Shown apart, the second would wait out the gap and
   * go stale; merged, one interruption carries both. A gentle hint (the name, pace, praise) does not ride on a
   * correction: it waits for a moment of its own.
   */
  private Trigger companion(Trigger chosen, boolean goingWell) {
    Trigger companion = null;
    for (Trigger trigger : held) {
      // Praise is gentle, so it is never a companion, and never chosen over one (the chosen prompt ranks highest).
      if (trigger.seq() == chosen.seq() && trigger.kind() != chosen.kind() && trigger.priority() > PromptRules.GENTLE
          && (!goingWell || worthItAnyway(trigger))
          && (companion == null || trigger.priority() > companion.priority())) {
        companion = trigger;
      }
    }
    return companion;
  }

  /** One prompt for both: the chosen kind and priority, the texts in the order a coach would say them. */
  private static Trigger merge(Trigger chosen, Trigger companion) {
    boolean companionFirst = companion.kind().ordinal() < chosen.kind().ordinal();
    String text = companionFirst ? companion.text() + " " + chosen.text() : chosen.text() + " " + companion.text();
    return new Trigger(chosen.kind(), chosen.seq(), chosen.atMs(), text, chosen.priority(), List.of(companion.kind()));
  }

  /** The agent's verdict on a prompt: dismissing it, or calling it unhelpful, makes that kind rarer. */
  void feedback(PromptKind kind, boolean negative) {
    if (negative) {
      cooldownFactor.merge(kind, policy.feedbackCooldownFactor(), (a, b) -> a * b);
    }
  }

  private static boolean worthItAnyway(Trigger trigger) {
    return trigger.priority() >= PromptRules.URGENT || trigger.kind() == PromptKind.CHECK_IN
        || trigger.kind() == PromptKind.POSITIVE_RECOVERY;
  }

  private boolean alreadyDone(Trigger trigger, List<Signal> signals) {
    if (signals.isEmpty()) {
      return false;
    }
    Set<Signal.Kind> done = DONE_WHEN.get(trigger.kind());
    if (done == null) {
      return false;
    }
    for (Signal signal : signals) {
      if (done.contains(signal.kind())) {
        return true;
      }
    }
    return false;
  }

  private boolean coolingDown(PromptKind kind, long now) {
    Long last = lastShownAt.get(kind);
    if (last == null) {
      return false;
    }
    long cooldown = policy.cooldown(kind);
    if (cooldown == Long.MAX_VALUE) {
      return true;
    }
    return now - last < cooldown * cooldownFactor.getOrDefault(kind, 1.0);
  }
}
