package io.carepulse.coach;

import io.carepulse.score.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the detectors noticed into reasons to prompt. Each rule names the moment a prompt would help; whether
 * the agent actually sees it is the {@link AttentionBudget}'s call.
 */
final class PromptRules {

  static final int URGENT = 3;
  private static final int NORMAL = 2;
  static final int GENTLE = 1;

  private final CoachingPolicy policy;
  private int empathySinceAction;
  private boolean nextStepGiven;
  /** When the agent last said what happens next; a follow-up question soon after is about details, not the plan. */
  private long lastNextStepAtMs = Long.MIN_VALUE;
  /** The customer asked what happens next; the agent's next real reply should say. */
  private boolean customerAskedNext;
  /** The customer asked what happens next and no next step has come since. */
  private boolean nextStepOwed;

  PromptRules(CoachingPolicy policy) {
    this.policy = policy;
  }

  /** What the call looks like to the rules besides the signals of this frame. */
  record CallState(String customerFirstName, boolean nameUsed, int agentTurns) {
  }

  List<Trigger> triggers(List<Signal> signals, CallState state) {
    List<Trigger> triggers = new ArrayList<>();
    boolean empathyNow = false;
    boolean nextStepNow = false;
    boolean commitmentNow = false;
    boolean asksNextNow = false;
    for (Signal signal : signals) {
      asksNextNow |= signal.kind() == Signal.Kind.CUSTOMER_ASKS_NEXT;
      empathyNow |= signal.kind() == Signal.Kind.EMPATHY_SHOWN;
      nextStepNow |= signal.kind() == Signal.Kind.NEXT_STEP_GIVEN;
      commitmentNow |= signal.kind() == Signal.Kind.COMMITMENT_MADE;
    }
    for (Signal signal : signals) {
      switch (signal.kind()) {
        case MISSED_ACKNOWLEDGEMENT -> add(triggers, PromptKind.ACKNOWLEDGE_FEELINGS, signal, NORMAL, null);
        case CUSTOMER_ESCALATION, CUSTOMER_CHURN_THREAT -> {
          if (!empathyNow) {
            add(triggers, PromptKind.ACKNOWLEDGE_FEELINGS, signal, URGENT, null);
          }
        }
        case DEFLECTION -> add(triggers, PromptKind.TAKE_OWNERSHIP, signal, URGENT, null);
        case INTERRUPTION -> add(triggers, PromptKind.LET_THEM_FINISH, signal, NORMAL, null);
        case DEAD_AIR -> {
          if (signal.amountMs() >= policy.checkInSilenceMs()) {
            add(triggers, PromptKind.CHECK_IN, signal, NORMAL, seconds(policy.text(PromptKind.CHECK_IN), signal));
          }
        }
        case LONG_HOLD -> add(triggers, PromptKind.CHECK_IN, signal, NORMAL,
            seconds(CoachingPolicy.HOLD_CHECK_IN_TEXT, signal));
        case FAST_SPEECH -> add(triggers, PromptKind.SLOW_DOWN, signal, GENTLE, null);
        case CUSTOMER_CONFUSED -> {
          // "What does that mean, how long are we talking?" asks for the consequence, not for a slower pace: the
          // agent's answer owes a next step (CUSTOMER_ASKS_NEXT), and slowing down would not give it.
          if (!asksNextNow) {
            add(triggers, PromptKind.SLOW_DOWN, signal, NORMAL, null);
          }
        }
        case CUSTOMER_ASKS_NEXT -> {
          customerAskedNext = true;
          nextStepOwed = true;
        }
        case AGENT_CLOSING -> {
          // Closing while "what happens now?" is still unanswered: the last moment to say it.
          if (nextStepOwed && !nextStepNow) {
            add(triggers, PromptKind.NEXT_STEPS, signal, NORMAL, null);
          }
          nextStepOwed = false;
        }
        case CUSTOMER_WRAPPING_UP -> {
          if (!nextStepGiven && state.agentTurns() >= policy.useNameAfterAgentTurns()) {
            add(triggers, PromptKind.NEXT_STEPS, signal, NORMAL, null);
          }
        }
        case CUSTOMER_RECOVERED -> add(triggers, PromptKind.POSITIVE_RECOVERY, signal, GENTLE, null);
        case AGENT_TURN -> {
          if (customerAskedNext && !answered(nextStepNow, commitmentNow, signal.atMs())) {
            add(triggers, PromptKind.NEXT_STEPS, signal, NORMAL, null);
          }
          customerAskedNext = false;
          if (state.customerFirstName() != null && !state.nameUsed()
              && state.agentTurns() + 1 >= policy.useNameAfterAgentTurns()
              && signal.atMs() >= policy.useNameAfterMs()) {
            add(triggers, PromptKind.USE_NAME, signal, GENTLE,
                policy.text(PromptKind.USE_NAME).replace("{name}", state.customerFirstName()));
          }
        }
        case EMPATHY_SHOWN -> {
          empathySinceAction++;
          if (empathySinceAction >= policy.sympathyWithoutActionCount()) {
            add(triggers, PromptKind.EMPATHY_WITHOUT_ACTION, signal, NORMAL, null);
          }
        }
        case SYMPATHY_WITHOUT_ACTION -> add(triggers, PromptKind.EMPATHY_WITHOUT_ACTION, signal, NORMAL, null);
        case BAD_NEWS_NO_ALTERNATIVE -> add(triggers, PromptKind.TAKE_OWNERSHIP, signal, NORMAL, null);
        case COMMITMENT_MADE -> empathySinceAction = 0;
        case NEXT_STEP_GIVEN -> {
          nextStepGiven = true;
          nextStepOwed = false;
          lastNextStepAtMs = signal.atMs();
        }
        default -> {
        }
      }
    }
    return triggers;
  }

  /**
   * Whether the agent's reply to "what happens next?" will do: it gives the next step, or (care-2) it commits to
   * something, or the plan was given moments ago and the customer is asking for a detail ("do I need to bring
   * anything?").
   */
  private boolean answered(boolean nextStepNow, boolean commitmentNow, long atMs) {
    if (nextStepNow) {
      return true;
    }
    if (policy.planFreshMs() == 0) {
      return false;
    }
    return commitmentNow || lastNextStepAtMs != Long.MIN_VALUE && atMs - lastNextStepAtMs <= policy.planFreshMs();
  }

  private void add(List<Trigger> triggers, PromptKind kind, Signal signal, int priority, String text) {
    if (policy.isEnabled(kind)) {
      triggers.add(new Trigger(kind, signal.seq(), signal.atMs(), text != null ? text : policy.text(kind), priority));
    }
  }

  private static String seconds(String template, Signal signal) {
    return template.replace("{seconds}", Long.toString(signal.amountMs() / 1000));
  }
}
