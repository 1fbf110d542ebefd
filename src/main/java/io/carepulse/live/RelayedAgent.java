package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On a call's owning node, the agent socket that another node holds: answers go back over the clustered event bus to
 * that node, which writes them to the socket. One per remote socket, shared by the calls it forwards.
 */
final class RelayedAgent implements AgentLink {

  private final CallRelay relay;
  private final String node;
  private final String link;
  private final String agentId;
  private final Set<CallSession> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean gone;

  RelayedAgent(CallRelay relay, String node, String link, String agentId) {
    this.relay = relay;
    this.node = node;
    this.link = link;
    this.agentId = agentId;
  }

  String node() {
    return node;
  }

  String link() {
    return link;
  }

  String agentId() {
    return agentId;
  }

  @Override
  public void send(JsonObject message) {
    if (!gone) {
      relay.toLink(node, link, message);
    }
  }

  @Override
  public boolean gone() {
    return gone;
  }

  @Override
  public void carry(CallSession session) {
    sessions.add(session);
  }

  @Override
  public void release(CallSession session) {
    sessions.remove(session);
  }

  @Override
  public void answerForEnded(CallFrame frame, long lastSeq) {
    relay.answerForEnded(this, frame, lastSeq);
  }

  /** The remote socket closed, or its node left: every call it carried waits for a resume. */
  void lost() {
    gone = true;
    for (CallSession session : sessions) {
      session.execute(() -> session.detach(this));
    }
    sessions.clear();
  }

  /** One call is no longer forwarded from that socket; answers whether it carries none now. */
  boolean detach(CallSession session) {
    sessions.remove(session);
    session.execute(() -> session.detach(this));
    return sessions.isEmpty();
  }
}
