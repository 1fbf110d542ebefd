package io.carepulse.api;

import io.carepulse.auth.Role;
import io.carepulse.live.CallIngest;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/calls/{callId}/frames}: protocol v1 frames from a telephony-side integration, read by the same
 * {@link FrameReader} and applied through the same call sessions as the agent WebSocket.
 */
final class FramesApi {

  private final FrameReader reader;
  private final CallIngest feed;

  FramesApi(FrameReader reader, CallIngest feed) {
    this.reader = reader;
    this.feed = feed;
  }

  void post(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.require(Role.AGENT, Role.INTEGRATOR, Role.ADMIN);
    Params params = Params.of(ctx);
    String callId = params.path("callId");
    JsonObject body = params.body();
    JsonArray raw = body.getJsonArray("frames");

    // Frames the reader refuses never reach the session; the rest go in order, so a refused frame leaves a seq gap
    // that the session reports on the next one, exactly as on the socket.
    List<JsonObject> answers = new ArrayList<>(raw.size());
    List<CallFrame> frames = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      answers.add(null);
      ProtocolError refusal = null;
      Object item = raw.getValue(i);
      FrameRead read = item instanceof JsonObject json ? reader.read(json)
          : new FrameRead.Refused(ProtocolError.of(ErrorCode.BAD_JSON, "frame must be a JSON object"));
      if (read instanceof FrameRead.Refused refused) {
        refusal = refused.error();
      } else if (!(((FrameRead.Accepted) read).frame() instanceof CallFrame frame)) {
        refusal = ProtocolError.of(ErrorCode.INVALID, "hello is not a call frame; send only call frames here");
      } else if (!frame.callId().equals(callId)) {
        refusal = new ProtocolError(ErrorCode.INVALID, "callId must be " + callId + ", the call of this URL",
            frame.callId(), frame.seq());
      } else if (frame instanceof CallStart start && !caller.identity().mayStartCallsIn(start.teamId())) {
        refusal = new ProtocolError(ErrorCode.FORBIDDEN, "teamId " + start.teamId() + " is not one of your teams",
            start.callId(), start.seq());
      } else {
        frames.add(frame);
        positions.add(i);
      }
      if (refusal != null) {
        answers.set(i, ServerMessages.error(refusal));
      }
    }
    String agentForNewCall = caller.role() == Role.AGENT ? caller.id() : body.getString("agentId");
    if (frames.isEmpty()) {
      reply(ctx, callId, answers);
      return;
    }
    if (agentForNewCall == null && frames.get(0) instanceof io.carepulse.protocol.CallStart) {
      throw Problem.invalid("body.agentId", "is required to start a call as " + caller.role().wire()).asFailure();
    }
    feed.feed(callId, frames, agentForNewCall, caller.id(), caller.seesEverything())
        .onSuccess(fed -> {
          for (int k = 0; k < fed.size(); k++) {
            answers.set(positions.get(k), fed.get(k));
          }
          reply(ctx, callId, answers);
        })
        .onFailure(ctx::fail);
  }

  private static void reply(RoutingContext ctx, String callId, List<JsonObject> answers) {
    long appliedThrough = 0;
    int accepted = 0;
    JsonArray refused = new JsonArray();
    for (int i = 0; i < answers.size(); i++) {
      JsonObject answer = answers.get(i);
      if ("ack".equals(answer.getString("type"))) {
        accepted++;
        appliedThrough = Math.max(appliedThrough, answer.getLong("seq"));
      } else {
        if (answer.getLong("expectedSeq") != null) {
          appliedThrough = Math.max(appliedThrough, answer.getLong("expectedSeq") - 1);
        }
        refused.add(new JsonObject()
            .put("index", i)
            .put("seq", answer.getLong("seq"))
            .put("code", answer.getString("code"))
            .put("message", answer.getString("message"))
            .put("expectedSeq", answer.getLong("expectedSeq")));
      }
    }
    Replies.json(ctx, 200, new JsonObject().put("callId", callId).put("appliedThrough", appliedThrough)
        .put("accepted", accepted).put("refused", refused));
  }
}
