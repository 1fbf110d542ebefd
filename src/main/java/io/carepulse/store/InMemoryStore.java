package io.carepulse.store;

import io.carepulse.protocol.PromptFeedback;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default store: everything in this process's memory, gone on restart.
 *
 * <p>Thread-safe through one monitor. It is called from every event loop (HTTP verticles, the journal, event-bus
 * consumers), and each operation is a few map operations or one scan over at most {@code maxCalls} calls — microseconds
 * to a few milliseconds — so a monitor costs less than confining the store to one context and hopping there. Frames are
 * encoded and decoded outside it.
 *
 * <p>Bounded: at most {@code maxCalls} calls and about {@code maxBytes} of heap for their history (an estimate per item
 * kept: {@link RetainedSize}); past either the oldest ended call is forgotten first, with everything recorded about
 * it. Live calls are not forgotten for bytes (their history is still being written, and a node's live calls are capped
 * elsewhere), only past {@code maxCalls}. A forgotten call is remembered as an {@link EvictedCall} (who may ask, when it
 * ended), so a reader learns it was evicted rather than never existed. Frames are kept as their UTF-8 JSON, a fifth of
 * the heap a parsed {@link JsonObject} takes. At most {@code maxDeliveriesPerWebhook} log entries per subscription.
 */
public final class InMemoryStore implements CarePulseStore {

  /** Evicted calls remembered for their 404; about 150 bytes each. */
  static final int EVICTED_REMEMBERED = 10_000;

  private final int maxCalls;
  private final long maxBytes;
  private final int maxDeliveriesPerWebhook;
  /** Insertion order is start order, which eviction relies on. */
  private final LinkedHashMap<String, History> calls = new LinkedHashMap<>();
  private final LinkedHashMap<String, EvictedCall> evicted = new LinkedHashMap<>();
  private final Map<String, AlertRecord> alertsById = new HashMap<>();
  private final Set<String> kudosIds = new HashSet<>();
  private final Map<String, Playbook> playbooks = new HashMap<>();
  private final LinkedHashMap<String, WebhookSubscription> webhooks = new LinkedHashMap<>();
  private final Map<String, LinkedHashMap<String, WebhookDelivery>> deliveries = new HashMap<>();
  /** By entryId, oldest first; bounded like the calls, since nothing reads it but an operator. */
  private final LinkedHashMap<String, QuarantinedEntry> quarantine = new LinkedHashMap<>();
  private long bytes;
  private long evictions;

  /** Bounded by count only. */
  public InMemoryStore(int maxCalls, int maxDeliveriesPerWebhook) {
    this(maxCalls, Long.MAX_VALUE, maxDeliveriesPerWebhook);
  }

  public InMemoryStore(int maxCalls, long maxBytes, int maxDeliveriesPerWebhook) {
    if (maxCalls < 1 || maxBytes < 1 || maxDeliveriesPerWebhook < 1) {
      throw new IllegalArgumentException("store bounds must be at least 1");
    }
    this.maxCalls = maxCalls;
    this.maxBytes = maxBytes;
    this.maxDeliveriesPerWebhook = maxDeliveriesPerWebhook;
  }

  /** What is kept of one call, and its estimated size. */
  private static final class History {
    CallRecord call;
    long bytes = RetainedSize.CALL;
    final SeqLog<KeptFrame> frames = new SeqLog<>();
    final SeqLog<ScorePoint> scores = new SeqLog<>();
    final LinkedHashMap<String, PromptRecord> prompts = new LinkedHashMap<>();
    final List<PromptFeedbackRecord> feedback = new ArrayList<>();
    final List<WhisperRecord> whispers = new ArrayList<>();
    final List<AlertRecord> alerts = new ArrayList<>();
    final List<KudosRecord> kudos = new ArrayList<>();
    final List<OutcomeRecord> outcomes = new ArrayList<>();

    History(CallRecord call) {
      this.call = call;
    }
  }

  /** A stored frame without its call id (the history's) and with its JSON as bytes. */
  private record KeptFrame(String type, long appliedAtMillis, byte[] json) {

    static KeptFrame of(StoredFrame frame) {
      return new KeptFrame(frame.type(), frame.appliedAt().toEpochMilli(), frame.json().getBytes(StandardCharsets.UTF_8));
    }

    StoredFrame stored(String callId, long seq) {
      return new StoredFrame(callId, seq, type, Instant.ofEpochMilli(appliedAtMillis),
          new String(json, StandardCharsets.UTF_8));
    }
  }

  /** The estimated heap bytes of the calls' history now (what {@code maxBytes} bounds). */
  public synchronized long bytes() {
    return bytes;
  }

  /** Calls forgotten so far to stay within the bounds (by bytes or by count). */
  public synchronized long evictions() {
    return evictions;
  }

  public long maxBytes() {
    return maxBytes;
  }

  // ---- call history

  @Override
  public Future<Void> write(JournalBatch batch) {
    List<KeptFrame> encoded = new ArrayList<>(batch.frames().size());
    for (StoredFrame frame : batch.frames()) {
      encoded.add(KeptFrame.of(frame));
    }
    synchronized (this) {
      apply(batch, encoded);
      evictOverBytes();
    }
    return Future.succeededFuture();
  }

  private void apply(JournalBatch batch, List<KeptFrame> encoded) {
    for (CallRecord started : batch.started()) {
      if (!calls.containsKey(started.callId())) {
        evicted.remove(started.callId());
        calls.put(started.callId(), new History(started));
        bytes += RetainedSize.CALL;
        evictOverCount();
      }
    }
    for (int i = 0; i < encoded.size(); i++) {
      StoredFrame frame = batch.frames().get(i);
      History history = calls.get(frame.callId());
      if (history != null && history.frames.putIfAbsent(frame.seq(), encoded.get(i))) {
        grow(history, RetainedSize.frame(encoded.get(i).json()));
        history.call = history.call.withLastSeq(frame.seq());
      }
    }
    for (ScorePoint point : batch.scores()) {
      History history = calls.get(point.callId());
      if (history != null && history.scores.putIfAbsent(point.seq(), point)) {
        grow(history, RetainedSize.score(point));
        if (history.call.state() == CallState.LIVE && point.seq() >= history.scores.lastSeq()) {
          history.call = history.call.withScore(point.score(), point.callScore());
        }
      }
    }
    for (PromptRecord prompt : batch.prompts()) {
      History history = calls.get(prompt.callId());
      if (history != null && history.prompts.putIfAbsent(prompt.promptId(), prompt) == null) {
        grow(history, RetainedSize.prompt(prompt));
      }
    }
    for (PromptFeedbackRecord feedback : batch.feedback()) {
      History history = calls.get(feedback.callId());
      if (history != null && history.feedback.stream().noneMatch(f -> f.seq() == feedback.seq())) {
        history.feedback.add(feedback);
        grow(history, RetainedSize.feedback(feedback));
      }
    }
    for (WhisperRecord whisper : batch.whispers()) {
      History history = calls.get(whisper.callId());
      if (history != null && !history.whispers.contains(whisper)) {
        history.whispers.add(whisper);
        grow(history, RetainedSize.whisper(whisper));
      }
    }
    for (CallEnding ending : batch.ended()) {
      History history = calls.get(ending.callId());
      if (history != null && history.call.state() == CallState.LIVE) {
        history.call = history.call.ended(ending);
      }
    }
  }

  private void grow(History history, long by) {
    history.bytes += by;
    bytes += by;
  }

  /** Past {@code maxCalls} the oldest ended call goes, or, when every call is live (a burst), the oldest call. */
  private void evictOverCount() {
    if (calls.size() <= maxCalls) {
      return;
    }
    String victim = oldestEnded();
    evict(victim != null ? victim : calls.keySet().iterator().next());
  }

  /** Past {@code maxBytes} ended calls go, oldest first; live calls stay. */
  private void evictOverBytes() {
    while (bytes > maxBytes) {
      String victim = oldestEnded();
      if (victim == null) {
        return;
      }
      evict(victim);
    }
  }

  private String oldestEnded() {
    for (Map.Entry<String, History> entry : calls.entrySet()) {
      if (entry.getValue().call.state() == CallState.ENDED) {
        return entry.getKey();
      }
    }
    return null;
  }

  private void evict(String callId) {
    History removed = forget(callId);
    CallRecord call = removed.call;
    evicted.put(callId, new EvictedCall(callId, call.agentId(), call.teamId(), call.endedAt(), Instant.now()));
    if (evicted.size() > EVICTED_REMEMBERED) {
      evicted.remove(evicted.keySet().iterator().next());
    }
    evictions++;
  }

  private History forget(String callId) {
    History removed = calls.remove(callId);
    bytes -= removed.bytes;
    removed.alerts.forEach(alert -> alertsById.remove(alert.alertId()));
    removed.kudos.forEach(kudos -> kudosIds.remove(kudos.kudosId()));
    return removed;
  }

  @Override
  public synchronized Future<Optional<EvictedCall>> evicted(String callId) {
    return Future.succeededFuture(Optional.ofNullable(evicted.get(callId)));
  }

  @Override
  public synchronized Future<Optional<CallRecord>> call(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(Optional.ofNullable(history == null ? null : history.call));
  }

  @Override
  public synchronized Future<Page<CallRecord, CallCursor>> calls(CallQuery query) {
    List<CallRecord> matching = new ArrayList<>();
    for (History history : calls.values()) {
      if (query.matches(history.call)) {
        matching.add(history.call);
      }
    }
    matching.sort(Comparator.comparing(CallRecord::startedAt).thenComparing(CallRecord::callId).reversed());
    List<CallRecord> page = matching.subList(0, Math.min(query.limit(), matching.size()));
    CallCursor next = matching.size() > query.limit() ? CallCursor.after(page.get(page.size() - 1)) : null;
    return Future.succeededFuture(new Page<>(page, next));
  }

  @Override
  public synchronized Future<List<CallRecord>> liveCalls() {
    List<CallRecord> live = new ArrayList<>();
    calls.values().forEach(history -> {
      if (history.call.state() == CallState.LIVE) {
        live.add(history.call);
      }
    });
    live.sort(Comparator.comparing(CallRecord::startedAt).thenComparing(CallRecord::callId));
    return Future.succeededFuture(List.copyOf(live));
  }

  @Override
  public Future<List<StoredFrame>> frames(String callId, long afterSeq, int limit) {
    List<Map.Entry<Long, KeptFrame>> kept;
    synchronized (this) {
      History history = calls.get(callId);
      kept = history == null ? List.of() : history.frames.after(afterSeq, limit, Map::entry);
    }
    // Decoded outside the lock: the text of a long call is the bulk of the work.
    List<StoredFrame> frames = new ArrayList<>(kept.size());
    kept.forEach(entry -> frames.add(entry.getValue().stored(callId, entry.getKey())));
    return Future.succeededFuture(List.copyOf(frames));
  }

  @Override
  public synchronized Future<List<ScorePoint>> scores(String callId, long afterSeq, int limit) {
    History history = calls.get(callId);
    return Future.succeededFuture(
        history == null ? List.of() : List.copyOf(history.scores.after(afterSeq, limit, (seq, point) -> point)));
  }

  @Override
  public synchronized Future<List<PromptRecord>> prompts(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(history == null ? List.of() : List.copyOf(history.prompts.values()));
  }

  @Override
  public synchronized Future<List<PromptFeedbackRecord>> promptFeedback(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(history == null ? List.of() : history.feedback.stream()
        .sorted(Comparator.comparingLong(PromptFeedbackRecord::seq)).toList());
  }

  @Override
  public synchronized Future<List<WhisperRecord>> whispers(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(history == null ? List.of() : List.copyOf(history.whispers));
  }

  // ---- alerts and kudos

  @Override
  public synchronized Future<Void> alertRaised(AlertRecord alert) {
    History history = calls.get(alert.callId());
    if (history != null && !alertsById.containsKey(alert.alertId())) {
      alertsById.put(alert.alertId(), alert);
      history.alerts.add(alert);
      grow(history, RetainedSize.alert(alert));
      evictOverBytes();
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> alertCleared(String alertId, Instant at) {
    AlertRecord alert = alertsById.get(alertId);
    if (alert != null && alert.clearedAt() == null) {
      AlertRecord cleared = alert.cleared(at);
      alertsById.put(alertId, cleared);
      List<AlertRecord> list = calls.get(alert.callId()).alerts;
      list.set(list.indexOf(alert), cleared);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<AlertRecord>> alerts(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(history == null ? List.of() : List.copyOf(history.alerts));
  }

  @Override
  public synchronized Future<Void> kudosAwarded(KudosRecord kudos) {
    History history = calls.get(kudos.callId());
    if (history != null && kudosIds.add(kudos.kudosId())) {
      history.kudos.add(kudos);
      grow(history, RetainedSize.kudos(kudos));
      evictOverBytes();
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<KudosRecord>> kudos(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(history == null ? List.of() : List.copyOf(history.kudos));
  }

  // ---- outcomes and reports

  @Override
  public synchronized Future<OutcomeSaved> saveOutcome(OutcomeRecord outcome) {
    History history = calls.get(outcome.callId());
    if (history == null) {
      return Future.failedFuture(new IllegalArgumentException("no call " + outcome.callId()));
    }
    for (OutcomeRecord existing : history.outcomes) {
      if (existing.idempotencyKey().equals(outcome.idempotencyKey())) {
        return Future.succeededFuture(new OutcomeSaved(existing, false));
      }
    }
    history.outcomes.add(outcome);
    grow(history, RetainedSize.outcome(outcome));
    return Future.succeededFuture(new OutcomeSaved(outcome, true));
  }

  @Override
  public synchronized Future<List<OutcomeRecord>> outcomes(String callId) {
    History history = calls.get(callId);
    return Future.succeededFuture(history == null ? List.of() : List.copyOf(history.outcomes));
  }

  @Override
  public synchronized Future<List<CallFacts>> callFacts(ReportQuery query) {
    List<CallFacts> facts = new ArrayList<>();
    for (History history : calls.values()) {
      if (!query.matches(history.call)) {
        continue;
      }
      Set<String> helpful = new HashSet<>();
      Set<String> unhelpful = new HashSet<>();
      Set<String> dismissed = new HashSet<>();
      for (PromptFeedbackRecord feedback : history.feedback) {
        if (feedback.action() == PromptFeedback.Action.HELPFUL) {
          helpful.add(feedback.promptId());
        } else if (feedback.action() == PromptFeedback.Action.UNHELPFUL) {
          unhelpful.add(feedback.promptId());
        } else if (feedback.action() == PromptFeedback.Action.DISMISSED) {
          dismissed.add(feedback.promptId());
        }
      }
      OutcomeRecord latest = history.outcomes.isEmpty() ? null : history.outcomes.get(history.outcomes.size() - 1);
      facts.add(new CallFacts(history.call, history.prompts.size(), helpful.size(), unhelpful.size(), dismissed.size(),
          history.kudos.size(), latest));
    }
    facts.sort(Comparator.comparing((CallFacts f) -> f.call().startedAt()).thenComparing(f -> f.call().callId()));
    return Future.succeededFuture(List.copyOf(facts));
  }

  // ---- playbooks

  @Override
  public synchronized Future<Optional<Playbook>> playbook(String teamId) {
    return Future.succeededFuture(Optional.ofNullable(playbooks.get(teamId)));
  }

  @Override
  public synchronized Future<List<Playbook>> playbooks() {
    return Future.succeededFuture(playbooks.values().stream().sorted(Comparator.comparing(Playbook::teamId)).toList());
  }

  @Override
  public synchronized Future<Playbook> savePlaybook(String teamId, JsonObject document, long expectedVersion,
                                                   String updatedBy, Instant at) {
    Playbook current = playbooks.get(teamId);
    long version = current == null ? 0 : current.version();
    if (version != expectedVersion) {
      return Future.failedFuture(new VersionConflict("playbook of team " + teamId, expectedVersion, version));
    }
    Playbook saved = new Playbook(teamId, version + 1, document.copy(), at, updatedBy);
    playbooks.put(teamId, saved);
    return Future.succeededFuture(saved);
  }

  // ---- webhooks

  @Override
  public synchronized Future<Void> addWebhook(WebhookSubscription subscription) {
    webhooks.put(subscription.id(), subscription);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<WebhookSubscription>> webhooks() {
    return Future.succeededFuture(List.copyOf(webhooks.values()));
  }

  @Override
  public synchronized Future<Optional<WebhookSubscription>> webhook(String id) {
    return Future.succeededFuture(Optional.ofNullable(webhooks.get(id)));
  }

  @Override
  public synchronized Future<Boolean> removeWebhook(String id) {
    deliveries.remove(id);
    return Future.succeededFuture(webhooks.remove(id) != null);
  }

  @Override
  public synchronized Future<Void> saveDelivery(WebhookDelivery delivery) {
    if (!webhooks.containsKey(delivery.subscriptionId())) {
      return Future.succeededFuture();
    }
    LinkedHashMap<String, WebhookDelivery> log = deliveries.computeIfAbsent(delivery.subscriptionId(),
        id -> new LinkedHashMap<>());
    log.put(delivery.deliveryId(), delivery);
    while (log.size() > maxDeliveriesPerWebhook) {
      log.remove(log.keySet().iterator().next());
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<WebhookDelivery>> deliveries(String subscriptionId, int limit) {
    List<WebhookDelivery> log = new ArrayList<>(deliveries.getOrDefault(subscriptionId, new LinkedHashMap<>()).values());
    List<WebhookDelivery> newest = new ArrayList<>();
    for (int i = log.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(log.get(i));
    }
    return Future.succeededFuture(List.copyOf(newest));
  }

  // ---- quarantine

  @Override
  public synchronized Future<Void> quarantine(QuarantinedEntry entry) {
    quarantine.putIfAbsent(entry.entryId(), entry);
    if (quarantine.size() > maxCalls) {
      quarantine.remove(quarantine.keySet().iterator().next());
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<QuarantinedEntry>> quarantined(int limit) {
    return Future.succeededFuture(quarantine.values().stream().limit(limit).toList());
  }

  // ---- retention

  @Override
  public synchronized Future<Integer> deleteTranscriptsEndedBefore(Instant cutoff) {
    quarantine.values().removeIf(entry -> entry.at().isBefore(cutoff));
    int deleted = 0;
    for (History history : calls.values()) {
      CallRecord call = history.call;
      if (call.state() == CallState.ENDED && call.endedAt().isBefore(cutoff)) {
        for (KeptFrame frame : history.frames.removeIf(kept -> kept.type().equals("utterance"))) {
          grow(history, -RetainedSize.frame(frame.json()));
          deleted++;
        }
      }
    }
    return Future.succeededFuture(deleted);
  }

  // ---- customers

  @Override
  public synchronized Future<List<CallRecord>> customerCalls(String customerId, int limit) {
    return Future.succeededFuture(calls.values().stream().map(history -> history.call)
        .filter(call -> customerId.equals(call.customerId()))
        .sorted(java.util.Comparator.comparing(CallRecord::startedAt).thenComparing(CallRecord::callId).reversed())
        .limit(limit).toList());
  }

  @Override
  public synchronized Future<Integer> forgetCustomer(String customerId) {
    int erased = 0;
    Iterator<History> all = calls.values().iterator();
    while (all.hasNext()) {
      History history = all.next();
      if (customerId.equals(history.call.customerId()) && history.call.state() == CallState.ENDED) {
        history.alerts.forEach(alert -> alertsById.remove(alert.alertId()));
        history.kudos.forEach(kudos -> kudosIds.remove(kudos.kudosId()));
        all.remove();
        bytes -= history.bytes;
        erased++;
      }
    }
    return Future.succeededFuture(erased);
  }
}
