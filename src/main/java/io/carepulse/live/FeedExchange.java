package io.carepulse.live;

import io.carepulse.wire.ServerMessages;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The supervisor feed's share of a cluster. Every flush interval this node publishes one batch to the other nodes: the
 * current row of each of its calls that changed (conflated exactly as for its own supervisors: the latest row, once),
 * the calls that ended, and the alerts and kudos it raised — raised here once, as the call's owner, and only shown
 * elsewhere. From the other nodes' batches it keeps their calls' latest rows for supervisors here.
 */
final class FeedExchange {

  static final String ADDRESS = "carepulse.feed.exchange";

  private final SupervisorFeed feed;
  private final CallOwnership ownership;
  private final Vertx vertx;
  private final EventBus bus;
  /** This node's calls changed since the last batch, callId → teamId. */
  private final Map<String, String> changed = new ConcurrentHashMap<>();
  private final Queue<JsonObject> endings = new ConcurrentLinkedQueue<>();
  private final Queue<JsonObject> notices = new ConcurrentLinkedQueue<>();
  private final Map<String, Remote> remote = new ConcurrentHashMap<>();
  private final Duration resumeWindow;

  /** A call of another node: its latest row, and that row as the text supervisors get, encoded once here. */
  private record Remote(String node, String teamId, JsonObject row, String text) {
  }

  /** Other nodes' calls that ended recently: their {@code call.ended} frames, for boards that showed them. */
  private final Map<String, JsonObject> endedFrames = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(SupervisorFeed.ENDED_KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
          return size() > SupervisorFeed.ENDED_KEPT;
        }
      });

  FeedExchange(SupervisorFeed feed, Vertx vertx, CallOwnership ownership, Duration interval, Duration resumeWindow) {
    this.feed = feed;
    this.vertx = vertx;
    this.ownership = ownership;
    this.bus = vertx.eventBus();
    this.resumeWindow = resumeWindow;
    bus.<JsonObject>consumer(ADDRESS, this::received);
    vertx.setPeriodic(interval.toMillis(), id -> ship());
    ownership.whenNodeLeaves(this::nodeLeft);
  }

  // ---- this node's calls, from call loops

  void changed(String callId, String teamId) {
    changed.put(callId, teamId == null ? "" : teamId);
  }

  void ended(String callId, String teamId, JsonObject frame) {
    changed.remove(callId);
    endings.add(new JsonObject().put("callId", callId).put("teamId", teamId).put("frame", frame));
  }

  void notice(String teamId, JsonObject message) {
    notices.add(new JsonObject().put("teamId", teamId).put("message", message));
  }

  private void ship() {
    JsonArray rows = new JsonArray();
    for (String callId : List.copyOf(changed.keySet())) {
      String teamId = changed.remove(callId);
      JsonObject row = feed.row(callId);
      if (row != null) {
        rows.add(new JsonObject().put("teamId", teamId).put("row", row.copy()));
      }
    }
    JsonArray ended = drain(endings);
    JsonArray raised = drain(notices);
    if (!rows.isEmpty() || !ended.isEmpty() || !raised.isEmpty()) {
      bus.publish(ADDRESS, new JsonObject().put("node", ownership.node()).put("rows", rows).put("ended", ended)
          .put("notices", raised));
    }
  }

  private static JsonArray drain(Queue<JsonObject> queue) {
    JsonArray items = new JsonArray();
    JsonObject item;
    while ((item = queue.poll()) != null) {
      items.add(item);
    }
    return items;
  }

  // ---- other nodes' calls

  private void received(Message<JsonObject> message) {
    JsonObject batch = message.body();
    String node = batch.getString("node");
    if (ownership.node().equals(node)) {
      return;
    }
    for (Object item : batch.getJsonArray("rows")) {
      JsonObject entry = (JsonObject) item;
      JsonObject row = entry.getJsonObject("row");
      String teamId = entry.getString("teamId");
      remote.put(row.getString("callId"), new Remote(node, teamId, row, ServerMessages.encode(row)));
      feed.markChanged(teamId, row.getString("callId"));
    }
    for (Object item : batch.getJsonArray("ended")) {
      JsonObject entry = (JsonObject) item;
      String callId = entry.getString("callId");
      remote.remove(callId);
      JsonObject frame = entry.getJsonObject("frame");
      if (frame != null) {
        endedFrames.put(callId, frame);
      }
      feed.markEnded(entry.getString("teamId"), callId);
    }
    for (Object item : batch.getJsonArray("notices")) {
      JsonObject entry = (JsonObject) item;
      feed.show(entry.getString("teamId"), entry.getJsonObject("message"));
    }
  }

  /**
   * A node left: its calls stay on the boards for one resume window, the time they have to resume on a survivor
   * (whose rows then replace these); those that did not are dropped.
   */
  private void nodeLeft(String node) {
    vertx.setTimer(resumeWindow.toMillis(), id -> remote.forEach((callId, call) -> {
      if (call.node().equals(node) && remote.remove(callId, call)) {
        feed.markEnded(call.teamId(), callId);
      }
    }));
  }

  JsonObject row(String callId) {
    Remote call = remote.get(callId);
    return call == null ? null : call.row();
  }

  String rowText(String callId) {
    Remote call = remote.get(callId);
    return call == null ? null : call.text();
  }

  Optional<String> nodeOf(String callId) {
    return Optional.ofNullable(remote.get(callId)).map(Remote::node);
  }

  Optional<JsonObject> endedFrame(String callId) {
    return Optional.ofNullable(endedFrames.get(callId));
  }

  Optional<String> teamOf(String callId) {
    return Optional.ofNullable(remote.get(callId)).map(Remote::teamId);
  }

  List<JsonObject> rows(Predicate<String> seesTeam) {
    List<JsonObject> rows = new ArrayList<>();
    remote.values().forEach(call -> {
      if (seesTeam.test(call.teamId())) {
        rows.add(call.row());
      }
    });
    return rows;
  }
}
