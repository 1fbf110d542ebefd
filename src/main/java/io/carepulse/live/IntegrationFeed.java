package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Frames from a server-side integration (a telephony platform with its own transcription) rather than an agent's
 * socket: the same call sessions, sequence rules and answers as {@link AgentConnection}, one ack or error per frame.
 * Call from an event loop; the answers complete there, in frame order.
 */
public final class IntegrationFeed implements CallIngest {

  private final CallRegistry calls;
  private final LiveLookup lookup;

  /** {@code lookup}: where a call's live state is read, asked of its owner in a cluster. */
  public IntegrationFeed(CallRegistry calls, LiveLookup lookup) {
    this.calls = calls;
    this.lookup = lookup;
  }

  @Override
  public Future<JsonObject> liveState(String callId) {
    return lookup.state(callId).map(LiveLookup.LiveState::json);
  }

  @Override
  public Future<List<JsonObject>> feed(String callId, List<CallFrame> frames, String agentIdForNewCall,
                                       Predicate<String> mayFeed) {
    Optional<CallSession> live = calls.find(callId);
    if (live.isEmpty()) {
      Optional<EndedCall> ended = calls.endedCalls().find(callId);
      if (ended.isPresent()) {
        if (!mayFeed.test(ended.get().agentId())) {
          return Future.succeededFuture(refuseAll(frames, ErrorCode.FORBIDDEN, "call " + callId + " belongs to another agent"));
        }
        List<JsonObject> answers = new ArrayList<>();
        frames.forEach(frame -> answers.add(AgentConnection.answerForEnded(frame, ended.get().lastSeq(), calls.metrics())));
        return Future.succeededFuture(answers);
      }
      if (!(frames.get(0) instanceof CallStart start) || agentIdForNewCall == null) {
        return Future.succeededFuture(refuseAll(frames, ErrorCode.UNKNOWN_CALL,
            "no call " + callId + "; start it with call.start first in the batch"));
      }
      CallRegistry.Opened opened = calls.open(start, agentIdForNewCall, Vertx.currentContext());
      if (opened.limited()) {
        return Future.succeededFuture(refuseAll(frames, ErrorCode.TOO_MANY_AGENT_CALLS,
            "at most " + calls.maxCallsPerAgent() + " live calls per agent"));
      }
      live = Optional.of(opened.session());
    }
    CallSession session = live.get();
    if (!mayFeed.test(session.agentId())) {
      return Future.succeededFuture(refuseAll(frames, ErrorCode.FORBIDDEN, "call " + callId + " belongs to another agent"));
    }
    Context caller = Vertx.currentContext();
    List<Future<JsonObject>> answers = new ArrayList<>();
    long received = System.nanoTime();
    for (CallFrame frame : frames) {
      Promise<JsonObject> answer = Promise.promise();
      answers.add(answer.future());
      session.execute(() -> session.receiveFromIntegration(frame,
          json -> caller.runOnContext(v -> answer.tryComplete(json)), received));
    }
    return Future.all(answers).map(done -> answers.stream().map(Future::result).toList());
  }

  private List<JsonObject> refuseAll(List<CallFrame> frames, ErrorCode code, String message) {
    List<JsonObject> answers = new ArrayList<>();
    for (CallFrame frame : frames) {
      calls.metrics().error(code);
      answers.add(ServerMessages.error(new ProtocolError(code, message, frame.callId(), frame.seq())));
    }
    return answers;
  }
}
