package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.json.JsonObject;

/**
 * What carries a call's answers to its agent: the agent's socket on this node ({@link AgentConnection}), or, in a
 * cluster, the socket on another node that forwards the call's frames here ({@link RelayedAgent}).
 */
interface AgentLink {

  /** Thread-safe. */
  void send(JsonObject message);

  /** Thread-safe: {@code send(ServerMessages.ack(callId, seq))}, which a socket may write without the JsonObject. */
  default void sendAck(String callId, long seq) {
    send(ServerMessages.ack(callId, seq));
  }

  /** Thread-safe: {@code send(ServerMessages.score(update))}, which a socket may write without the JsonObject. */
  default void sendScore(ScoreUpdate update) {
    send(ServerMessages.score(update));
  }

  /** Thread-safe: the socket behind the link has closed. */
  boolean gone();

  void carry(CallSession session);

  void release(CallSession session);

  /** The answer to a frame for a call that is over (see {@link AgentConnection#answerForEnded(CallFrame, long)}). */
  void answerForEnded(CallFrame frame, long lastSeq);
}
