package io.carepulse.coach;

/** A reason to prompt, not yet a prompt: the attention budget decides whether and when it is shown. */
record Trigger(PromptKind kind, long seq, long atMs, String text, int priority) {
}
