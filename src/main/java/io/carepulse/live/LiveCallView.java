package io.carepulse.live;

import io.carepulse.alert.AlertChange;
import io.carepulse.alert.AlertRules;
import io.carepulse.alert.AlertSettings;
import io.carepulse.alert.Kudos;
import io.carepulse.alert.Recognition;
import io.carepulse.coach.Prompt;
import io.carepulse.engine.CallEngine;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.Reason;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Signal;
import io.carepulse.score.Trend;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What supervisors see of one call: the row of the live list (score, parts, sparkline, open alerts, triage rank) and
 * the call's recent history (transcript, score timeline with reasons, prompts, whispers, alerts). Fed on the call's
 * event loop only; supervisors read the published {@link #row()} (an immutable {@link LiveRow}, replaced whole) and the
 * {@link RecentItems}, never the fields behind them.
 */
final class LiveCallView {

  /** Points of the sparkline: with scores every few seconds, about the last few minutes. */
  static final int SPARKLINE_POINTS = 60;
  /** Between score updates the row is refreshed at most once per this much call time (triage depends on time). */
  static final long ROW_REFRESH_MS = 1_000;

  final CallInfo info;
  // Kept as the values, their JSON built only when a supervisor watches the call: every call fills these, few are
  // watched, and hundreds of small trees per call were most of what a live call kept on the heap.
  final RecentItems<Supplier<JsonObject>> transcript = new RecentItems<>(300);
  final RecentItems<Supplier<JsonObject>> timeline = new RecentItems<>(300);
  final RecentItems<Supplier<JsonObject>> prompts = new RecentItems<>(100);
  final RecentItems<Supplier<JsonObject>> whispers = new RecentItems<>(50);
  final RecentItems<Supplier<JsonObject>> alertLog = new RecentItems<>(100);

  private final Instant startedAt;
  private final AlertSettings settings;
  private final AlertRules rules;
  private final Recognition recognition;
  private final UnaryOperator<String> redact;
  private final ArrayDeque<Integer> sparkline = new ArrayDeque<>(SPARKLINE_POINTS);

  private ScoreUpdate score;
  private long customerSpokeAtMs = -1;
  private boolean wrappingUp;
  private boolean onHold;
  private long lastSeq;
  private long rowAtMs = Long.MIN_VALUE;
  private volatile LiveRow row;
  private volatile JsonObject ended;

  LiveCallView(CallInfo info, Instant startedAt, AlertSettings settings, UnaryOperator<String> redact) {
    this.info = info;
    this.startedAt = startedAt;
    this.settings = settings;
    this.rules = new AlertRules(info.callId(), settings);
    this.recognition = new Recognition(info.callId(), settings);
    this.redact = redact;
  }

  /** The current row of the live list; null until the first frame is applied. */
  JsonObject row() {
    LiveRow current = row;
    return current == null ? null : current.json();
  }

  /** The same row as the text sent to supervisors, encoded once however many read it; null until the first frame. */
  String rowText() {
    LiveRow current = row;
    return current == null ? null : current.text();
  }

  /** The {@code call.ended} frame, once the call is over. */
  JsonObject ended() {
    return ended;
  }

  /** One applied frame; returns the alert changes it caused and whether the row changed. */
  List<AlertChange> applied(CallFrame frame, CallEngine.Step step) {
    List<AlertChange> changes = rules.applied(frame, step);
    recognition.applied(frame, step);
    long now = rules.callTimeMs();
    lastSeq = frame.seq();
    if (frame instanceof Utterance utterance && utterance.isFinal()) {
      long seq = frame.seq();
      transcript.add(() -> new JsonObject().put("seq", seq).put("callTimeMs", now)
          .put("speaker", utterance.speaker().wire()).put("text", redact.apply(utterance.text())));
      if (utterance.speaker() == Speaker.CUSTOMER) {
        customerSpokeAtMs = now;
        wrappingUp = false;
      }
    }
    if (frame instanceof SoftphoneEvent event) {
      if (event.kind() == SoftphoneEvent.Kind.HOLD) {
        onHold = true;
      } else if (event.kind() == SoftphoneEvent.Kind.UNHOLD) {
        onHold = false;
      }
    }
    for (Signal signal : step.signals()) {
      if (signal.kind() == Signal.Kind.CUSTOMER_WRAPPING_UP) {
        wrappingUp = true;
      }
    }
    for (Prompt prompt : step.prompts()) {
      prompts.add(() -> new JsonObject().put("seq", prompt.seq()).put("callTimeMs", now)
          .put("promptId", prompt.promptId()).put("kind", prompt.kind().wire()).put("text", prompt.text())
          .put("also", ServerMessages.kinds(prompt.also())));
    }
    step.score().ifPresent(update -> {
      score = update;
      if (sparkline.size() == SPARKLINE_POINTS) {
        sparkline.pollFirst();
      }
      sparkline.addLast(update.score());
      timeline.add(() -> timelinePoint(update));
    });
    logAlerts(changes);
    if (score != null && (step.score().isPresent() || !changes.isEmpty() || frame instanceof SoftphoneEvent
        || now - rowAtMs >= ROW_REFRESH_MS)) {
      publishRow(now);
    }
    return changes;
  }

  private static JsonObject timelinePoint(ScoreUpdate update) {
    JsonArray reasons = new JsonArray();
    for (Reason reason : update.reasons()) {
      reasons.add(new JsonObject().put("rule", reason.rule()).put("part", reason.part().wire())
          .put("delta", Math.round(reason.delta() * 10) / 10.0).put("text", reason.text()));
    }
    return new JsonObject().put("seq", update.seq()).put("callTimeMs", update.callTimeMs())
        .put("score", update.score()).put("callScore", update.callScore()).put("trend", update.trend().wire())
        .put("reasons", reasons);
  }

  /** The parts of a {@code call.detail}, in the order of a watcher's cursors. */
  private static final String[] DETAIL_PARTS = {"transcript", "timeline", "prompts", "whispers", "alerts"};

  /** How many cursors a watcher keeps: one per part of the detail. */
  static final int DETAIL_CURSORS = DETAIL_PARTS.length;

  /**
   * A {@code call.detail} of what is new since {@code cursors} (advanced in place), or null when nothing is; with
   * {@code reset}, everything still held and the call's row (or its call.ended frame).
   */
  JsonObject detail(long[] cursors, boolean reset) {
    List<RecentItems<Supplier<JsonObject>>> parts = List.of(transcript, timeline, prompts, whispers, alertLog);
    JsonObject detail = new JsonObject().put("type", "call.detail").put("callId", info.callId()).put("reset", reset);
    boolean anything = reset;
    for (int i = 0; i < parts.size(); i++) {
      RecentItems.Slice<Supplier<JsonObject>> slice = parts.get(i).since(reset ? 0 : cursors[i]);
      cursors[i] = slice.next();
      anything |= !slice.items().isEmpty();
      JsonArray items = new JsonArray();
      slice.items().forEach(item -> items.add(item.get()));
      detail.put(DETAIL_PARTS[i], items);
    }
    if (reset) {
      JsonObject current = row();
      detail.put("call", current != null ? current : ended);
    }
    return anything ? detail : null;
  }

  void whispered(CallEvent.Whispered whisper) {
    JsonObject line = new JsonObject().put("from", whisper.from()).put("text", whisper.text())
        .put("outcome", whisper.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .put("callTimeMs", rules.callTimeMs()).put("at", whisper.at().toString());
    whispers.add(() -> line);
  }

  /** The call is over: closes open alerts, decides kudos, and publishes the {@code call.ended} frame. */
  Ending end(EndedCall call) {
    List<AlertChange> changes = rules.ended(call.reason().equals(EndedCall.DISCONNECTED)
        ? "call ended (agent disconnected)" : "call ended");
    logAlerts(changes);
    Optional<Kudos> kudos = recognition.ended(!call.reason().equals(EndedCall.DISCONNECTED), call.summary());
    JsonObject frame = new JsonObject().put("type", "call.ended").put("callId", info.callId())
        .put("agentId", info.agentId()).put("teamId", info.teamId())
        .put("customer", info.start().customer().name()).put("reason", call.reason())
        .put("score", call.summary().score()).put("callScore", call.summary().callScore())
        .put("minScore", call.summary().minScore()).put("callTimeMs", rules.callTimeMs())
        .put("endedAt", call.endedAt().toString());
    kudos.ifPresent(k -> frame.put("kudos", SupervisorMessages.kudos(k, info, call.endedAt())));
    ended = frame;
    return new Ending(changes, kudos);
  }

  record Ending(List<AlertChange> alerts, Optional<Kudos> kudos) {
  }

  private void logAlerts(List<AlertChange> changes) {
    for (AlertChange change : changes) {
      JsonObject line = SupervisorMessages.openAlert(change.alert()).put("type", change.type().wire());
      alertLog.add(() -> line);
    }
  }

  /**
   * Publishes the row as it is now. Only the values are captured here, on the call's loop; the JSON and its text are
   * built when a supervisor (or the REST view) first reads them, and then once for every reader: a call nobody watches
   * costs no JSON, and one watched by many is encoded once per change, not once per supervisor.
   */
  private void publishRow(long now) {
    rowAtMs = now;
    row = new LiveRow(info, startedAt, settings, score, now, lastSeq, customerSpokeAtMs, wrappingUp, onHold,
        rules.open(), List.copyOf(sparkline));
  }

  Trend trend() {
    return score == null ? Trend.STEADY : score.trend();
  }
}
