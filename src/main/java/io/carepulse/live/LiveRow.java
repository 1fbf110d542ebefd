package io.carepulse.live;

import io.carepulse.alert.Alert;
import io.carepulse.alert.AlertSettings;
import io.carepulse.alert.TriageRank;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One published row of the supervisors' live list: the values a call had when it published, immutable, so that any
 * loop may read it. Its JSON and text are built on first use and kept; two loops racing to build them build equal
 * ones, and either may win.
 */
final class LiveRow {

  private final CallInfo info;
  private final Instant startedAt;
  private final AlertSettings settings;
  private final ScoreUpdate score;
  private final long callTimeMs;
  private final long seq;
  private final long customerSpokeAtMs;
  private final boolean wrappingUp;
  private final boolean onHold;
  private final List<Alert> open;
  private final List<Integer> sparkline;

  private static final Logger LOG = LoggerFactory.getLogger(LiveRow.class);
  /** Marks a row whose JSON could not be built: it reads as no row, as when building it failed on the call's loop. */
  private static final JsonObject UNBUILDABLE = new JsonObject();

  private volatile JsonObject json;
  private volatile String text;

  LiveRow(CallInfo info, Instant startedAt, AlertSettings settings, ScoreUpdate score, long callTimeMs, long seq,
          long customerSpokeAtMs, boolean wrappingUp, boolean onHold, List<Alert> open, List<Integer> sparkline) {
    this.info = info;
    this.startedAt = startedAt;
    this.settings = settings;
    this.score = score;
    this.callTimeMs = callTimeMs;
    this.seq = seq;
    this.customerSpokeAtMs = customerSpokeAtMs;
    this.wrappingUp = wrappingUp;
    this.onHold = onHold;
    this.open = open;
    this.sparkline = sparkline;
  }

  /** The row as JSON, or null when it cannot be built; callers must not change it. */
  JsonObject json() {
    JsonObject built = json;
    if (built == null) {
      try {
        built = build();
      } catch (RuntimeException e) {
        // A supervisor's flush reads this: one call's bad row must not stop that supervisor's flushes.
        LOG.atError().addKeyValue("callId", info.callId()).setCause(e).log("supervisor row could not be built");
        built = UNBUILDABLE;
      }
      json = built;
    }
    return built == UNBUILDABLE ? null : built;
  }

  /** The row as the text frame supervisors get, or null when it cannot be built. */
  String text() {
    String encoded = text;
    if (encoded == null) {
      JsonObject row = json();
      if (row == null) {
        return null;
      }
      encoded = ServerMessages.encode(row);
      text = encoded;
    }
    return encoded;
  }

  private JsonObject build() {
    TriageRank.Triage triage = TriageRank.of(new TriageRank.Call(score.score(), score.trend(), callTimeMs,
        customerSpokeAtMs, wrappingUp, onHold, open.isEmpty() ? null : open.get(0)), settings);
    JsonArray alerts = new JsonArray();
    open.forEach(alert -> alerts.add(SupervisorMessages.openAlert(alert)));
    JsonObject row = new JsonObject()
        .put("type", "call")
        .put("callId", info.callId())
        .put("agentId", info.agentId())
        .put("teamId", info.teamId())
        .put("customer", info.start().customer().name())
        .put("startedAt", startedAt.toString())
        .put("callTimeMs", callTimeMs)
        .put("seq", seq)
        .put("score", score.score())
        .put("callScore", score.callScore())
        .put("trend", score.trend().wire())
        .put("parts", ServerMessages.parts(score.parts()))
        .put("recovery", ServerMessages.recovery(score.recovery()))
        .put("history", new JsonArray(sparkline))
        .put("onHold", onHold)
        .put("alerts", alerts)
        .put("rank", triage.rank())
        .put("rankReason", triage.reason());
    if (info.holdout() != null) {
      row.put("holdout", ServerMessages.assignment(info.holdout()));
    }
    if (!info.history().isEmpty()) {
      row.put("repeatCaller", SupervisorMessages.repeatCaller(info.history(), info.start().ts()));
    }
    return row;
  }
}
