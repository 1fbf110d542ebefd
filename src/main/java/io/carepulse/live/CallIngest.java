package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one door into live calls for code outside the live path (the REST API): frames of one call from a server-side
 * integration, applied by the same call sessions, sequence rules and answers as the agent socket; and what a live call
 * looks like now.
 */
public interface CallIngest {

  /**
   * Feeds {@code frames} (all of call {@code callId}, in order) and answers each with its ack or error frame. The
   * caller, {@code feederId}, may feed the calls of any agent when {@code anyAgent}, else only its own (an agent); a
   * new call (its call.start first in the batch) belongs to {@code agentIdForNewCall}. Call from an event loop; the
   * answers complete there.
   */
  Future<List<JsonObject>> feed(String callId, List<CallFrame> frames, String agentIdForNewCall, String feederId,
                                boolean anyAgent);

  /**
   * The live state of a call: {@code {from: "owner", node, row}} with the supervisor row of the node holding it (in a
   * cluster, asked of the owning node), or {@code {from: "store", node, reason}} when no node holds it or its owner did
   * not answer. Call from an event loop; completes there.
   */
  Future<JsonObject> liveState(String callId);
}
