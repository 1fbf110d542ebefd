package io.carepulse.tools.devdata;

import io.carepulse.coach.PromptKind;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call script (src/devdata/README.md, "Call scripts") as read by {@link CallScriptParser}: its header fields and
 * its lines, each timed in milliseconds since the call started. {@code endMs} is when the call ends. Pure data:
 * {@link CallScriptFrames} turns it into PROTOCOL-v1 frames.
 */
public record CallScript(String origin, Map<String, String> header, List<Line> lines, long endMs) {

  /** How long a prompt a good coach would raise may take to come, after the line it follows. */
  public static final long PROMPT_WINDOW_MS = 30_000;

  public CallScript {
    header = Map.copyOf(header);
    lines = List.copyOf(lines);
  }

  /** One timed line of the call. */
  public sealed interface Line permits Said, Pause, Event, ExpectedPrompt {
    /** Line number in the script, for messages. */
    int lineNumber();

    long atMs();
  }

  /** {@code agent: text} or {@code customer: text}: a final utterance from {@code startMs} to {@code endMs}. */
  public record Said(Speaker speaker, String text, int words, long startMs, long endMs, int lineNumber)
      implements Line {
    @Override
    public long atMs() {
      return startMs;
    }
  }

  /** {@code +Ns}: nobody speaks from {@code atMs} to {@code untilMs} (dead air, or a hold when on hold). */
  public record Pause(long atMs, long untilMs, int lineNumber) implements Line {
  }

  /** {@code [hold]}, {@code [unhold]}, {@code [mute]}, {@code [unmute]}, {@code [transfer]}. */
  public record Event(SoftphoneEvent.Kind kind, long atMs, int lineNumber) implements Line {
  }

  /**
   * {@code ! kind}: a prompt a good coach would surely raise after the line before the mark: from {@code fromMs}
   * until 30 s after {@code atMs}, when that line finished. After an utterance or an event both are its end; after a
   * pause the prompt may come during it, so {@code fromMs} is when the pause began.
   */
  public record ExpectedPrompt(PromptKind kind, long fromMs, long atMs, int lineNumber) implements Line {
    public long dueByMs() {
      return atMs + PROMPT_WINDOW_MS;
    }
  }

  public String id() {
    return header.get("id");
  }

  public Optional<String> field(String name) {
    return Optional.ofNullable(header.get(name));
  }

  public Optional<String> industry() {
    return field("industry");
  }

  /** caring, cold, hollow, turnaround, checked_hold, silent_hold, ordinary or lost. */
  public Optional<String> kind() {
    return field("kind");
  }

  /** Calls that share a situation (twins) share a group. */
  public Optional<String> group() {
    return field("group");
  }

  public Optional<String> customer() {
    return field("customer");
  }

  public Optional<String> team() {
    return field("team");
  }

  public Optional<String> agent() {
    return field("agent");
  }

  /** 1–5: how this customer would rate the call. */
  public Optional<Integer> csat() {
    return field("csat").map(Integer::valueOf);
  }

  public Optional<Boolean> wellHandled() {
    return field("well_handled").map(Boolean::valueOf);
  }

  public List<Said> said() {
    return lines.stream().filter(Said.class::isInstance).map(Said.class::cast).toList();
  }

  public List<Pause> pauses() {
    return lines.stream().filter(Pause.class::isInstance).map(Pause.class::cast).toList();
  }

  public List<Event> events() {
    return lines.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
  }

  public List<ExpectedPrompt> expectedPrompts() {
    return lines.stream().filter(ExpectedPrompt.class::isInstance).map(ExpectedPrompt.class::cast).toList();
  }
}
