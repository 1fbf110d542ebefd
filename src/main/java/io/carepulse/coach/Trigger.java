package io.carepulse.coach;

import java.util.List;

/**
 * A reason to prompt, not yet a prompt: the attention budget decides whether and when it is shown. {@code also} names
 * the kinds of a reason from the same frame that rides along with it in one prompt (the budget's {@code merge}).
 */
record Trigger(PromptKind kind, long seq, long atMs, String text, int priority, List<PromptKind> also) {

  Trigger(PromptKind kind, long seq, long atMs, String text, int priority) {
    this(kind, seq, atMs, text, priority, List.of());
  }
}
