package io.carepulse.history;

import io.carepulse.store.AlertRecord;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.KudosRecord;
import io.carepulse.live.SupervisorMessages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the supervisor feed says about calls — alerts on {@code carepulse.alerts}, kudos on
 * {@code carepulse.kudos} — into the store. A verticle: it listens from start to stop. A malformed message is logged
 * and skipped.
 */
public final class SupervisorFeedRecorder extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorFeedRecorder.class);

  private final CarePulseStore store;
  private final CallJournal journal;

  /** {@code journal} is flushed before an alert or kudos is stored, so the call it names is in history already. */
  public SupervisorFeedRecorder(CarePulseStore store, CallJournal journal) {
    this.store = store;
    this.journal = journal;
  }

  @Override
  public Future<?> start() {
    // Local: in a cluster the call's owner raises each alert and kudos once, and only its node records them.
    MessageConsumer<JsonObject> alerts = vertx.eventBus()
        .localConsumer(SupervisorMessages.ALERTS_ADDRESS, message -> alert(message.body()));
    MessageConsumer<JsonObject> kudos = vertx.eventBus()
        .localConsumer(SupervisorMessages.KUDOS_ADDRESS, message -> kudos(message.body()));
    return Future.all(alerts.completion(), kudos.completion());
  }

  private void alert(JsonObject message) {
    try {
      String type = message.getString("type");
      Instant at = instant(message.getValue("at"));
      if ("alert.raised".equals(type)) {
        AlertRecord alert = new AlertRecord(required(message, "alertId"), required(message, "callId"),
            message.getString("agentId"), message.getString("teamId"), required(message, "kind"),
            message.getString("severity", "warning"), message.getString("message", ""), message.getLong("seq"),
            message.getLong("callTimeMs"), at, null);
        journal.flush().eventually(() -> store.alertRaised(alert));
      } else if ("alert.cleared".equals(type)) {
        String alertId = required(message, "alertId");
        journal.flush().eventually(() -> store.alertCleared(alertId, at));
      } else {
        LOG.warn("unknown alert message type {}", type);
      }
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("message", message.encode()).log("malformed alert message skipped: " + e.getMessage());
    }
  }

  private void kudos(JsonObject message) {
    try {
      KudosRecord kudos = new KudosRecord(required(message, "kudosId"), required(message, "callId"),
          message.getString("agentId"), message.getString("teamId"), message.getString("reason", ""),
          message.getString("message", ""), message.getInteger("score"), message.getInteger("callScore"),
          message.getInteger("minScore"), instant(message.getValue("at")));
      journal.flush().eventually(() -> store.kudosAwarded(kudos));
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("message", message.encode()).log("malformed kudos message skipped: " + e.getMessage());
    }
  }

  private static String required(JsonObject message, String field) {
    String value = message.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** {@code at} as epoch milliseconds or an ISO-8601 instant; now when absent. */
  private static Instant instant(Object at) {
    Instant instant = at instanceof Number ms ? Instant.ofEpochMilli(ms.longValue())
        : at instanceof String text ? Instant.parse(text) : Instant.now();
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
