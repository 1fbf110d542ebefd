package io.carepulse.protocol;

/** What the agent did with a coaching prompt. */
public record PromptFeedback(String callId, long seq, long ts, String promptId, Action action) implements CallFrame {

  @Override
  public String type() {
    return "prompt.feedback";
  }

  public enum Action {
    SHOWN, DISMISSED, HELPFUL, UNHELPFUL;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Action fromWire(String value) {
      return Action.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
