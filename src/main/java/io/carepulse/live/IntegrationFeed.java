package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.wire.ClientFrameJson;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Frames from a server-side integration (a telephony platform with its own transcription) rather than an agent's
 * socket: the same call sessions, sequence rules and answers as {@link AgentConnection}, one ack or error per frame.
 * Call from an event loop; the answers complete there, in frame order. In a cluster, a batch for a call another node
 * owns goes to that node over the clustered event bus, as an agent socket's frames do (docs/cluster.md).
 */
public final class IntegrationFeed implements CallIngest {

  private static final long OWNER_TIMEOUT_MS = 10_000;

  private final CallRegistry calls;
  private final LiveLookup lookup;
  private final FrameReader reader;
  /** Clustered only: where frames of calls other nodes own go, as on the agent socket. */
  private final EventBus bus;

  /**
   * {@code lookup}: where a call's live state is read, asked of its owner in a cluster; {@code reader}: how frames
   * forwarded by another node are read back.
   */
  public IntegrationFeed(CallRegistry calls, LiveLookup lookup, FrameReader reader) {
    this.calls = calls;
    this.lookup = lookup;
    this.reader = reader;
    this.bus = calls.ownership().clustered() ? calls.vertx().eventBus() : null;
    if (bus != null) {
      bus.<JsonObject>consumer(inbox(calls.ownership().node()), this::fromAnotherNode);
    }
  }

  private static String inbox(String node) {
    return "carepulse.ingest." + node;
  }

  @Override
  public Future<JsonObject> liveState(String callId) {
    return lookup.state(callId).map(LiveLookup.LiveState::json);
  }

  @Override
  public Future<List<JsonObject>> feed(String callId, List<CallFrame> frames, String agentIdForNewCall,
                                       String feederId, boolean anyAgent) {
    if (calls.handingOver()) {
      return Future.succeededFuture(refuseAll(frames, ErrorCode.STORE_UNAVAILABLE,
          "this node is shutting down and has handed its calls over; resend to another node"));
    }
    if (bus == null || calls.find(callId).isPresent() || calls.endedCalls().find(callId).isPresent()) {
      return feedHere(callId, frames, agentIdForNewCall, feederId, anyAgent);
    }
    // In a cluster, as on the agent socket: claim the call; granted, it starts (or is rebuilt from history) here,
    // otherwise the batch goes to the owner, which answers each frame.
    Context caller = Vertx.currentContext();
    return calls.ownership().claim(callId).compose(owner -> {
      if (!owner.equals(calls.ownership().node())) {
        return toOwner(owner, callId, frames, agentIdForNewCall, feederId, anyAgent);
      }
      Promise<Void> rebuilt = Promise.promise();
      if (!(frames.get(0) instanceof CallStart) && calls.recovers()) {
        // The history read completes wherever the store answers; the rest of the batch goes on on the caller's loop.
        calls.recover(callId, caller).onComplete(done -> caller.runOnContext(v -> rebuilt.handle(done)));
      } else {
        rebuilt.complete();
      }
      return rebuilt.future().transform(done -> {
        if (done.failed()) {
          calls.ownership().release(callId);
          return Future.succeededFuture(refuseAll(frames, ErrorCode.STORE_UNAVAILABLE,
              "call " + callId + " cannot be looked up in history now; resend after a pause"));
        }
        return feedHere(callId, frames, agentIdForNewCall, feederId, anyAgent).onSuccess(answers -> {
          if (calls.find(callId).isEmpty() && calls.endedCalls().find(callId).isEmpty()) {
            calls.ownership().release(callId);
          }
        });
      });
    }, e -> Future.succeededFuture(refuseAll(frames, ErrorCode.STORE_UNAVAILABLE,
        "call " + callId + " cannot be placed in the cluster now; resend after a pause")));
  }

  private Future<List<JsonObject>> toOwner(String owner, String callId, List<CallFrame> frames,
                                           String agentIdForNewCall, String feederId, boolean anyAgent) {
    JsonArray encoded = new JsonArray();
    frames.forEach(frame -> encoded.add(ClientFrameJson.encode(frame)));
    JsonObject batch = new JsonObject().put("callId", callId).put("frames", encoded).put("agent", agentIdForNewCall)
        .put("feeder", feederId).put("anyAgent", anyAgent);
    return bus.<JsonObject>request(inbox(owner), batch, new DeliveryOptions().setSendTimeout(OWNER_TIMEOUT_MS))
        .map(reply -> {
          List<JsonObject> answers = new ArrayList<>();
          reply.body().getJsonArray("answers").forEach(answer -> answers.add((JsonObject) answer));
          return answers;
        })
        .otherwise(e -> refuseAll(frames, ErrorCode.STORE_UNAVAILABLE, "the node owning call " + callId
            + " did not answer; resend after a pause"));
  }

  /** On the owner: a batch another node took over REST, applied here as if posted here. */
  private void fromAnotherNode(Message<JsonObject> message) {
    JsonObject batch = message.body();
    List<CallFrame> frames = new ArrayList<>();
    for (Object item : batch.getJsonArray("frames")) {
      // Read and checked by the node that took the request; read again here from the same JSON.
      if (reader.read((JsonObject) item) instanceof FrameRead.Accepted accepted
          && accepted.frame() instanceof CallFrame frame) {
        frames.add(frame);
      }
    }
    if (frames.isEmpty()) {
      message.reply(new JsonObject().put("answers", new JsonArray()));
      return;
    }
    feedHere(batch.getString("callId"), frames, batch.getString("agent"), batch.getString("feeder"),
        batch.getBoolean("anyAgent", false))
        .onComplete(done -> message.reply(new JsonObject().put("answers", new JsonArray(done.succeeded()
            ? new ArrayList<Object>(done.result())
            : new ArrayList<Object>(refuseAll(frames, ErrorCode.STORE_UNAVAILABLE, "frames not applied"))))));
  }

  private Future<List<JsonObject>> feedHere(String callId, List<CallFrame> frames, String agentIdForNewCall,
                                            String feederId, boolean anyAgent) {
    Predicate<String> mayFeed = agentId -> anyAgent || agentId.equals(feederId);
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
