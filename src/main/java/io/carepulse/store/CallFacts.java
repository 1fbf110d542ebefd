package io.carepulse.store;

/**
 * What reports need of one call: the call, how many prompts it got and how the agent judged them (prompts with at
 * least one helpful / unhelpful / dismissed feedback), its kudos, and its latest outcome (null when none).
 */
public record CallFacts(CallRecord call, int prompts, int helpful, int unhelpful, int dismissed, int kudos,
                        OutcomeRecord outcome) {
}
