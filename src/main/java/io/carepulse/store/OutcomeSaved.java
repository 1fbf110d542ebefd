package io.carepulse.store;

/** The stored outcome, and whether this call created it ({@code false}: the idempotency key was seen before). */
public record OutcomeSaved(OutcomeRecord outcome, boolean created) {
}
