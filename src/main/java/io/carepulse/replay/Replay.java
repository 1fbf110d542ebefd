package io.carepulse.replay;

import io.carepulse.engine.CallContext;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.SequenceCheck;
import io.carepulse.wire.CallContextJson;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Offline replay of recorded calls: reads protocol v1 client frames (JSONL, calls may interleave), applies the
 * protocol's sequence rules and feeds each call's frames to its own {@link CallEngine}, exactly as the live service
 * does, and writes the server messages plus a {@code call.summary} per call. Output depends only on the input.
 */
public final class Replay {

  private final CoreConfig config;
  private final FrameReader reader;
  private final boolean withAcks;
  private final Listener listener;
  /** Contexts read for calls whose call.start has not come yet. */
  private final Map<String, CallContext> contexts = new HashMap<>();
  private Consumer<String> notes = note -> { };

  public Replay(CoreConfig config, FrameReader reader, boolean withAcks) {
    this(config, reader, withAcks, Listener.NONE);
  }

  /** As the plain replay, also telling {@code listener} each applied frame and each call's summary. */
  public Replay(CoreConfig config, FrameReader reader, boolean withAcks, Listener listener) {
    this.config = config;
    this.reader = reader;
    this.withAcks = withAcks;
    this.listener = listener;
  }

  /** Where remarks for the operator go (a call's context names another model); none by default. */
  public Replay onNote(Consumer<String> notes) {
    this.notes = notes;
    return this;
  }

  /** Sees the replay as it goes, e.g. to print it for people ({@link Timeline}). */
  public interface Listener {
    Listener NONE = new Listener() {
      @Override
      public void applied(CallFrame frame, CallEngine.Step step) {
      }

      @Override
      public void summary(CallSummary summary) {
      }
    };

    /** A frame was applied to its call and produced {@code step}. */
    void applied(CallFrame frame, CallEngine.Step step);

    /** A call ended, or the input ended before it did. */
    void summary(CallSummary summary);
  }

  /** Counts of what a run saw. */
  public record Result(int lines, int calls, int badLines) {
  }

  /** A line that was refused, for the operator: its line number and why. */
  public record BadLine(int lineNumber, ProtocolError error) {
  }

  public Result run(BufferedReader input, PrintWriter output, Consumer<BadLine> badLines) throws IOException {
    Map<String, ReplayedCall> calls = new LinkedHashMap<>();
    int lineNumber = 0;
    int bad = 0;
    String line;
    while ((line = input.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      ProtocolError error = apply(line, calls, output);
      if (error != null) {
        bad++;
        badLines.accept(new BadLine(lineNumber, error));
        output.println(ServerMessages.error(error).encode());
      }
    }
    for (ReplayedCall call : calls.values()) {
      if (!call.summarised) {
        summarise(call, output);
      }
    }
    output.flush();
    return new Result(lineNumber, calls.size(), bad);
  }

  private ProtocolError apply(String line, Map<String, ReplayedCall> calls, PrintWriter output) {
    if (line.contains(CallContextJson.TYPE)) {
      JsonObject json = contextLine(line);
      if (json != null) {
        return context(json, calls);
      }
    }
    FrameRead read = reader.read(line);
    if (read instanceof FrameRead.Refused refused) {
      return refused.error();
    }
    if (!(((FrameRead.Accepted) read).frame() instanceof CallFrame frame)) {
      return null;
    }
    ReplayedCall call = calls.get(frame.callId());
    if (call == null) {
      if (!(frame instanceof CallStart)) {
        return new ProtocolError(ErrorCode.UNKNOWN_CALL, "no call.start seen for call " + frame.callId(),
            frame.callId(), frame.seq());
      }
      CallContext context = contexts.remove(frame.callId());
      call = new ReplayedCall(new CallEngine(frame.callId(), config,
          context != null ? context : CallContext.fresh(frame.callId(), config)));
      calls.put(frame.callId(), call);
    }
    switch (call.sequence.check(frame.seq())) {
      case DUPLICATE -> {
        if (withAcks) {
          output.println(ServerMessages.ack(frame.callId(), call.sequence.lastApplied()).encode());
        }
        return null;
      }
      case GAP -> {
        return new ProtocolError(ErrorCode.SEQ_GAP, "expected seq " + call.sequence.expected(), frame.callId(),
            frame.seq(), call.sequence.expected());
      }
      default -> {
      }
    }
    if (call.engine.ended()) {
      return new ProtocolError(ErrorCode.CALL_ENDED, "call " + frame.callId() + " has ended", frame.callId(),
          frame.seq());
    }
    CallEngine.Step step = call.engine.apply(frame);
    call.sequence.applied(frame.seq());
    listener.applied(frame, step);
    if (withAcks) {
      output.println(ServerMessages.ack(frame.callId(), frame.seq()).encode());
    }
    step.score().ifPresent(score -> output.println(ServerMessages.score(score).encode()));
    step.prompts().forEach(prompt -> output.println(ServerMessages.prompt(prompt).encode()));
    if (frame instanceof CallEnd) {
      summarise(call, output);
    }
    return null;
  }

  /** The line as JSON when it is a {@code call.context} line; null for anything else (a frame, or not JSON). */
  private static JsonObject contextLine(String line) {
    try {
      JsonObject json = new JsonObject(line);
      return CallContextJson.isLine(json) ? json : null;
    } catch (DecodeException notJson) {
      return null;
    }
  }

  /**
   * What a call starts from (the export's first line): kept until its call.start. A call replayed without one starts
   * with nothing remembered; one whose context names another model is scored by this replay's, and the operator told.
   */
  private ProtocolError context(JsonObject json, Map<String, ReplayedCall> calls) {
    String callId = json.getValue("callId") instanceof String id ? id : null;
    if (callId == null) {
      return ProtocolError.of(ErrorCode.INVALID, "call.context: callId is required");
    }
    if (calls.containsKey(callId)) {
      return new ProtocolError(ErrorCode.INVALID, "call.context must come before the call.start of call " + callId,
          callId, null);
    }
    CallContext context;
    try {
      context = CallContextJson.decode(json);
    } catch (IllegalArgumentException e) {
      return new ProtocolError(ErrorCode.INVALID, e.getMessage(), callId, null);
    }
    if (context.model() != null && !context.model().equals(config.modelId())) {
      notes.accept("call " + callId + " was scored live by model " + context.model() + "; replaying with "
          + config.modelId() + " (pass --model " + context.model() + " to reproduce its live scores)");
    }
    contexts.put(callId, context);
    return null;
  }

  private void summarise(ReplayedCall call, PrintWriter output) {
    CallSummary summary = call.engine.summary();
    output.println(ServerMessages.summary(summary).encode());
    listener.summary(summary);
    call.summarised = true;
  }

  private static final class ReplayedCall {
    private final CallEngine engine;
    private final SequenceCheck sequence = new SequenceCheck(0);
    private boolean summarised;

    private ReplayedCall(CallEngine engine) {
      this.engine = engine;
    }
  }
}
