package io.carepulse.coach;

/** A coaching prompt for the agent; {@code seq} is the frame that triggered it. */
public record Prompt(String callId, String promptId, PromptKind kind, String text, int priority, long seq) {
}
