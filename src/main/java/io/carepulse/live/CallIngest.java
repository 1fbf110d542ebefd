package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one door into live calls for code outside the live path (the REST frames endpoint): frames of one call from a
 * server-side integration, applied by the same call sessions, sequence rules and answers as the agent socket.
 */
public interface CallIngest {

  /**
   * Feeds {@code frames} (all of call {@code callId}, in order) and answers each with its ack or error frame.
   * {@code mayFeed} says whether the caller may feed a call of the given agent; a new call (its call.start first in
   * the batch) belongs to {@code agentIdForNewCall}. Call from an event loop; the answers complete there.
   */
  Future<List<JsonObject>> feed(String callId, List<CallFrame> frames, String agentIdForNewCall,
                                Predicate<String> mayFeed);
}
