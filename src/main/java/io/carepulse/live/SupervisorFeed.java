package io.carepulse.live;

import io.carepulse.alert.AlertChange;
import io.carepulse.alert.Kudos;
import io.carepulse.alert.TeamAlertSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * Turns call events into what supervisors see. On the call's event loop it only updates that call's
 * {@link LiveCallView}, publishes alert and kudos messages on the event bus, and marks the call changed for each
 * supervisor in scope — a set insert, whatever state that supervisor's socket is in. Sending happens later, on each
 * supervisor's own loop ({@link SupervisorConnection}), so a slow supervisor can never slow a call.
 */
public final class SupervisorFeed extends VerticleBase implements CallListener {

  /** Ended calls kept for late detail requests and for {@code call.ended} frames of conflated supervisors. */
  static final int ENDED_KEPT = 256;
  /** Kudos of the recent past, shown in the snapshot so a supervisor who just opened the page sees them too. */
  static final int KUDOS_KEPT = 50;

  private final CallRegistry calls;
  private final TeamAlertSettings teams;
  private final AgentGateway agents;
  private final UnaryOperator<String> redact;
  private volatile EventBus bus;
  /** Clustered only: rows of other nodes' calls, and this node's for them. */
  private volatile FeedExchange exchange;
  private final ConcurrentMap<String, LiveCallView> live = new ConcurrentHashMap<>();
  private final Map<String, LiveCallView> ended = new LinkedHashMap<>(ENDED_KEPT, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, LiveCallView> eldest) {
      return size() > ENDED_KEPT;
    }
  };
  private final ArrayDeque<JsonObject> recentKudos = new ArrayDeque<>();
  private final Set<SupervisorConnection> supervisors = ConcurrentHashMap.newKeySet();

  /** {@code redact}: transcript text goes through it before any supervisor sees it (cards, emails, phones). */
  SupervisorFeed(CallRegistry calls, TeamAlertSettings teams, AgentGateway agents, UnaryOperator<String> redact) {
    this.calls = calls;
    this.teams = teams;
    this.agents = agents;
    this.redact = redact;
  }

  /** Hears every call from now on. */
  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    if (calls.ownership().clustered()) {
      exchange = new FeedExchange(this, vertx, calls.ownership(), SupervisorGateway.FLUSH_INTERVAL,
          calls.resumeWindow());
    }
    calls.addListener(this);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    calls.removeListener(this);
    return Future.succeededFuture();
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof CallEvent.Started started) {
      live.computeIfAbsent(started.callId(), id -> view(started.call(), started.at()));
    } else if (event instanceof CallEvent.Applied applied) {
      applied(applied);
    } else if (event instanceof CallEvent.Whispered whispered) {
      Optional.ofNullable(live.get(whispered.callId())).ifPresent(view -> view.whispered(whispered));
    } else if (event instanceof CallEvent.Ended end) {
      ended(end);
    }
  }

  private LiveCallView view(CallInfo call, Instant at) {
    return new LiveCallView(call, at, teams.forTeam(call.teamId()), redact);
  }

  private void applied(CallEvent.Applied applied) {
    LiveCallView view = live.computeIfAbsent(applied.callId(), id -> view(applied.call(), applied.at()));
    List<AlertChange> changes = view.applied(applied.frame(), applied.step());
    for (AlertChange change : changes) {
      notice(applied.call(), SupervisorMessages.alert(change, applied.call(), applied.at()), ALERT);
    }
    markChanged(applied.call().teamId(), applied.callId());
    if (exchange != null) {
      exchange.changed(applied.callId(), applied.call().teamId());
    }
  }

  void markChanged(String team, String callId) {
    for (SupervisorConnection supervisor : supervisors) {
      if (supervisor.sees(team)) {
        supervisor.changed(callId);
      }
    }
  }

  void markEnded(String team, String callId) {
    for (SupervisorConnection supervisor : supervisors) {
      if (supervisor.sees(team)) {
        supervisor.ended(callId);
      }
    }
  }

  /** An alert or kudos another node raised, for the supervisors here. */
  void show(String team, JsonObject message) {
    for (SupervisorConnection supervisor : supervisors) {
      if (supervisor.sees(team)) {
        supervisor.notice(message);
      }
    }
  }

  private void ended(CallEvent.Ended end) {
    LiveCallView view = live.get(end.callId());
    if (view == null) {
      return;
    }
    LiveCallView.Ending ending = view.end(end.ended());
    Instant at = end.ended().endedAt();
    for (AlertChange change : ending.alerts()) {
      notice(end.call(), SupervisorMessages.alert(change, end.call(), at), ALERT);
    }
    // Kept among the ended before it leaves the live map, so a supervisor flushing meanwhile finds it in one of them.
    synchronized (ended) {
      ended.put(end.callId(), view);
    }
    live.remove(end.callId(), view);
    ending.kudos().ifPresent(kudos -> awarded(end.call(), kudos, at));
    markEnded(end.call().teamId(), end.callId());
    if (exchange != null) {
      exchange.ended(end.callId(), end.call().teamId(), view.ended());
    }
  }

  private void awarded(CallInfo call, Kudos kudos, Instant at) {
    JsonObject message = SupervisorMessages.kudos(kudos, call, at);
    synchronized (recentKudos) {
      if (recentKudos.size() == KUDOS_KEPT) {
        recentKudos.pollFirst();
      }
      recentKudos.addLast(message);
    }
    notice(call, message, KUDOS);
    // The call has ended, so no session carries it any more: tell the agent on whatever connection they have.
    agents.tellAgent(call.agentId(), SupervisorMessages.agentKudos(kudos));
  }

  private static final String ALERT = SupervisorMessages.ALERTS_ADDRESS;
  private static final String KUDOS = SupervisorMessages.KUDOS_ADDRESS;

  /** Raised here, for this node's history and webhooks (local only: once per cluster) and every supervisor. */
  private void notice(CallInfo call, JsonObject message, String address) {
    bus.publish(address, message, LOCAL);
    show(call.teamId(), message);
    if (exchange != null) {
      exchange.notice(call.teamId(), message);
    }
  }

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  // ---- read by supervisor connections, on their own loops

  void add(SupervisorConnection supervisor) {
    supervisors.add(supervisor);
  }

  void remove(SupervisorConnection supervisor) {
    supervisors.remove(supervisor);
  }

  /** The current row of a live call, or null when it is not live (any more). */
  JsonObject row(String callId) {
    LiveCallView view = live.get(callId);
    if (view != null) {
      return view.row();
    }
    return exchange == null ? null : exchange.row(callId);
  }

  /** The team of a call another node of the cluster owns, when its row is here. */
  Optional<String> remoteTeam(String callId) {
    return exchange == null ? Optional.empty() : exchange.teamOf(callId);
  }

  /** The node whose batches carry the rows of a call another node of the cluster owns. */
  Optional<String> remoteNode(String callId) {
    return exchange == null ? Optional.empty() : exchange.nodeOf(callId);
  }

  /**
   * The same row as the text sent to supervisors, encoded once for all of them, this node's call or another node's;
   * null when not live.
   */
  String rowText(String callId) {
    LiveCallView view = live.get(callId);
    if (view != null) {
      return view.rowText();
    }
    return exchange == null ? null : exchange.rowText(callId);
  }

  /** The {@code call.ended} frame of a call that ended recently, here or (clustered) on another node. */
  Optional<JsonObject> endedFrame(String callId) {
    Optional<JsonObject> here = view(callId).map(LiveCallView::ended);
    return here.isPresent() || exchange == null ? here : exchange.endedFrame(callId);
  }

  /** A call live on this node: its view. */
  Optional<LiveCallView> liveView(String callId) {
    return Optional.ofNullable(live.get(callId));
  }

  /** A live call's view, or a recently ended one's. */
  Optional<LiveCallView> view(String callId) {
    LiveCallView view = live.get(callId);
    if (view != null) {
      return Optional.of(view);
    }
    synchronized (ended) {
      return Optional.ofNullable(ended.get(callId));
    }
  }

  /** The rows of live calls that {@code supervisor} may see, highest triage rank first. */
  List<JsonObject> rowsFor(SupervisorConnection supervisor) {
    List<JsonObject> rows = new ArrayList<>();
    for (LiveCallView view : live.values()) {
      JsonObject row = view.row();
      if (row != null && supervisor.sees(view.info.teamId())) {
        rows.add(row);
      }
    }
    if (exchange != null) {
      exchange.rows(supervisor::sees).stream().filter(row -> !live.containsKey(row.getString("callId")))
          .forEach(rows::add);
    }
    rows.sort((a, b) -> {
      int byRank = Integer.compare(b.getInteger("rank"), a.getInteger("rank"));
      return byRank != 0 ? byRank : a.getString("callId").compareTo(b.getString("callId"));
    });
    return rows;
  }

  /**
   * Calls in {@code supervisor}'s scope that ended at or after {@code since}, most recent first: their
   * {@code call.ended} frames with the last row under {@code row}, so a page opened just after still shows them.
   */
  List<JsonObject> endedSince(SupervisorConnection supervisor, Instant since) {
    List<JsonObject> recent = new ArrayList<>();
    synchronized (ended) {
      for (LiveCallView view : ended.values()) {
        JsonObject frame = view.ended();
        if (frame != null && supervisor.sees(view.info.teamId())
            && !Instant.parse(frame.getString("endedAt")).isBefore(since)) {
          recent.add(frame.copy().put("row", view.row()));
        }
      }
    }
    java.util.Collections.reverse(recent);
    return recent;
  }

  List<JsonObject> kudosFor(SupervisorConnection supervisor) {
    List<JsonObject> kudos = new ArrayList<>();
    synchronized (recentKudos) {
      for (JsonObject message : recentKudos) {
        if (supervisor.sees(message.getString("teamId"))) {
          kudos.add(message);
        }
      }
    }
    return kudos;
  }

  public int liveCalls() {
    return live.size();
  }
}
