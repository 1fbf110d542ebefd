package io.carepulse.coach;

import io.carepulse.protocol.PromptFeedback;
import io.carepulse.score.Scorer;
import io.carepulse.score.Observations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coaching for one call: rules propose, the attention budget disposes. Prompt ids are the call id and a counter,
 * so a replayed call produces the same ids.
 */
public final class Coach {

  private final String callId;
  private final CoachingPolicy policy;
  private final PromptRules rules;
  private final AttentionBudget budget;
  private final Map<String, List<PromptKind>> kindsById = new HashMap<>();
  private final List<PromptKind> shown = new ArrayList<>();

  public Coach(String callId, CoachingPolicy policy) {
    this.callId = callId;
    this.policy = policy;
    this.rules = new PromptRules(policy);
    this.budget = new AttentionBudget(policy);
  }

  /** The prompt to show after this frame, if any. */
  public List<Prompt> coach(Observations observations, Scorer scorer) {
    PromptRules.CallState state = new PromptRules.CallState(scorer.conversation().customerFirstName(),
        scorer.nameUsed(), scorer.conversation().agentTurns());
    List<Trigger> triggers = rules.triggers(observations.signals(), state);
    Trigger chosen = budget.offer(triggers, observations.signals(), observations.atMs(),
        scorer.conversation().customerSpeaking(), scorer::peekScore);
    if (chosen == null) {
      return List.of();
    }
    String promptId = callId + "-p" + (shown.size() + 1);
    Prompt prompt = new Prompt(callId, promptId, chosen.kind(), chosen.text(), chosen.priority(), chosen.seq(),
        chosen.also());
    kindsById.put(promptId, prompt.kinds());
    shown.add(chosen.kind());
    return List.of(prompt);
  }

  /**
   * The one-line context prompt at call start for a remembered caller ("Third call this week about billing; last call
   * ended unresolved."), unless the team turned the kind off. Outside the attention budget: it is the first prompt.
   */
  public List<Prompt> context(String context, long seq) {
    if (context == null || !policy.isEnabled(PromptKind.CUSTOMER_CONTEXT)) {
      return List.of();
    }
    String promptId = callId + "-p" + (shown.size() + 1);
    kindsById.put(promptId, List.of(PromptKind.CUSTOMER_CONTEXT));
    shown.add(PromptKind.CUSTOMER_CONTEXT);
    String text = policy.text(PromptKind.CUSTOMER_CONTEXT).replace("{context}", context);
    return List.of(new Prompt(callId, promptId, PromptKind.CUSTOMER_CONTEXT, text, 1, seq));
  }

  /**
   * Applies the agent's feedback to every kind the prompt carried; feedback on an unknown prompt id is ignored (it may
   * predate a restart).
   */
  public void feedback(PromptFeedback feedback) {
    boolean negative = feedback.action() == PromptFeedback.Action.DISMISSED
        || feedback.action() == PromptFeedback.Action.UNHELPFUL;
    for (PromptKind kind : kindsById.getOrDefault(feedback.promptId(), List.of())) {
      budget.feedback(kind, negative);
    }
  }

  public List<PromptKind> shown() {
    return List.copyOf(shown);
  }
}
