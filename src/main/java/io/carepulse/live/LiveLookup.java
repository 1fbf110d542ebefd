package io.carepulse.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What a live call looks like now, wherever in the cluster it lives: the node holding the call answers from its
 * {@link LiveCallView}; any other node asks that one over the clustered event bus, request/reply with a timeout. Serves
 * the REST API's live state of a call and a dashboard's watch of a call another node owns. The owner is found from the
 * rows it ships to the boards ({@link FeedExchange}), else from the call's lease; a single node has only its own views.
 */
public final class LiveLookup {

  /** Long enough for a loaded node's event loop, short enough that a dead owner does not hold a REST answer long. */
  static final long ASK_TIMEOUT_MS = 2_000;

  private final SupervisorFeed feed;
  private final CallOwnership ownership;
  private final EventBus bus;
  private final DeliveryOptions ask = new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS);

  /** A live call's state as REST shows it: from its owner, or — none holds it, or it did not answer — not at all. */
  record LiveState(boolean fromOwner, String node, JsonObject row, String reason) {

    static LiveState owner(String node, JsonObject row) {
      return new LiveState(true, node, row, null);
    }

    static LiveState absent(String node, String reason) {
      return new LiveState(false, node, null, reason);
    }

    JsonObject json() {
      return new JsonObject().put("from", fromOwner ? "owner" : "store").put("node", node).put("row", row)
          .put("reason", reason);
    }
  }

  LiveLookup(Vertx vertx, SupervisorFeed feed, CallOwnership ownership) {
    this.feed = feed;
    this.ownership = ownership;
    this.bus = ownership.clustered() ? vertx.eventBus() : null;
    if (bus != null) {
      bus.<JsonObject>consumer(address(ownership.node()), this::answer);
    }
  }

  private static String address(String node) {
    return "carepulse.views." + node;
  }

  /** The call's current state: this node's view, or its owner's answer. Completes on the caller's context. */
  Future<LiveState> state(String callId) {
    Optional<LiveCallView> here = feed.liveView(callId);
    if (here.isPresent()) {
      return Future.succeededFuture(LiveState.owner(ownership.node(), here.get().row()));
    }
    if (bus == null) {
      return Future.succeededFuture(LiveState.absent(null, NOT_HELD));
    }
    return ownerOf(callId).compose(owner -> {
      if (owner == null || owner.equals(ownership.node())) {
        return Future.succeededFuture(LiveState.absent(null, NOT_HELD));
      }
      return bus.<JsonObject>request(address(owner), new JsonObject().put("kind", "row").put("callId", callId), ask)
          .map(reply -> reply.body().getBoolean("live", false)
              ? LiveState.owner(owner, reply.body().getJsonObject("row"))
              : LiveState.absent(owner, NOT_HELD))
          .otherwise(e -> LiveState.absent(owner, "its owning node did not answer (" + e.getMessage() + ")"));
    });
  }

  private static final String NOT_HELD = "no node holds the call now (its owner may have died; it resumes on a survivor)";

  /** The node whose rows for the call are on the boards, else the holder of its lease; null when none is live. */
  private Future<String> ownerOf(String callId) {
    Optional<String> shipping = feed.remoteNode(callId);
    return shipping.isPresent() ? Future.succeededFuture(shipping.get()) : ownership.owner(callId);
  }

  /** The node a watch of this call should ask, when another node owns it and ships its rows here. */
  Optional<String> watchTarget(String callId) {
    return bus == null ? Optional.empty() : feed.remoteNode(callId);
  }

  /**
   * Asks {@code node} for the watched call's {@code call.detail} since {@code cursors}; the reply holds {@code live},
   * {@code detail} (null when nothing is new) and the advanced {@code cursors}. Completes on the caller's context.
   */
  Future<JsonObject> detail(String node, String callId, long[] cursors, boolean reset) {
    JsonArray at = new JsonArray();
    for (long cursor : cursors) {
      at.add(cursor);
    }
    return bus.<JsonObject>request(address(node), new JsonObject().put("kind", "detail").put("callId", callId)
        .put("cursors", at).put("reset", reset), ask).map(Message::body);
  }

  /** The owner's side: answers from this node's views, which any loop may read. */
  private void answer(Message<JsonObject> question) {
    JsonObject body = question.body();
    String callId = body.getString("callId");
    if ("row".equals(body.getString("kind"))) {
      Optional<LiveCallView> view = feed.liveView(callId);
      question.reply(view.isEmpty() ? new JsonObject().put("live", false)
          : new JsonObject().put("live", true).put("row", view.get().row()));
      return;
    }
    Optional<LiveCallView> view = feed.view(callId);
    if (view.isEmpty()) {
      question.reply(new JsonObject().put("live", false));
      return;
    }
    JsonArray at = body.getJsonArray("cursors");
    long[] cursors = new long[LiveCallView.DETAIL_CURSORS];
    for (int i = 0; i < cursors.length && i < at.size(); i++) {
      cursors[i] = at.getLong(i);
    }
    JsonObject detail = view.get().detail(cursors, body.getBoolean("reset", false));
    JsonArray next = new JsonArray();
    for (long cursor : cursors) {
      next.add(cursor);
    }
    question.reply(new JsonObject().put("live", view.get().ended() == null).put("detail", detail)
        .put("cursors", next));
  }
}
