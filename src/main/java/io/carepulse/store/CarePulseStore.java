package io.carepulse.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything durable CarePulse keeps: call history (calls, their applied frames with redacted text, score points,
 * prompts and feedback, whispers), what the supervisor feed said about calls (alerts, kudos), survey outcomes, team
 * playbooks and webhook subscriptions with their delivery log. In memory by default, PostgreSQL when configured; both
 * pass {@code CarePulseStoreContract}.
 *
 * <p>Rules for every implementation: methods may be called from any thread or event loop and never block it; futures
 * may complete on another context than the caller's; text handed in is already redacted (the store never sees raw
 * transcript text); returned lists are immutable snapshots. Absence is an empty Optional or list, never a failure.
 */
public interface CarePulseStore {

  // ---- call history, written by the CallJournal

  /**
   * Applies one journal flush; idempotent (see {@link JournalBatch}). Fails with {@link BatchRefused} when the batch's
   * data cannot be stored (retrying it would fail again), with anything else when the store is unavailable.
   */
  Future<Void> write(JournalBatch batch);

  /** Keeps an entry the store refused, with the reason; the same entryId again changes nothing. */
  Future<Void> quarantine(QuarantinedEntry entry);

  /** Quarantined entries, oldest first, at most {@code limit}. */
  Future<List<QuarantinedEntry>> quarantined(int limit);

  Future<Optional<CallRecord>> call(String callId);

  /**
   * A call this store no longer holds because it let it go to stay within its bounds (the in-memory store), so a reader
   * can be told so; empty for a call never stored, erased, or held. A durable store never evicts.
   */
  default Future<Optional<EvictedCall>> evicted(String callId) {
    return Future.succeededFuture(Optional.empty());
  }

  /** One page of calls, newest first by (startedAt, callId); {@code next} is null on the last page. */
  Future<Page<CallRecord, CallCursor>> calls(CallQuery query);

  /** Calls not ended, oldest first: what a restarted service must rebuild (by replaying their frames). */
  Future<List<CallRecord>> liveCalls();

  /** A call's stored frames with seq above {@code afterSeq}, in seq order, at most {@code limit}. */
  Future<List<StoredFrame>> frames(String callId, long afterSeq, int limit);

  /** A call's score points with seq above {@code afterSeq}, in seq order, at most {@code limit}. */
  Future<List<ScorePoint>> scores(String callId, long afterSeq, int limit);

  /** A call's prompts in the order they were sent. */
  Future<List<PromptRecord>> prompts(String callId);

  /** A call's prompt feedback in seq order. */
  Future<List<PromptFeedbackRecord>> promptFeedback(String callId);

  /** A call's whispers in the order they were sent. */
  Future<List<WhisperRecord>> whispers(String callId);

  // ---- the supervisor feed's view of calls (event bus)

  /** Stores a raised alert; raising the same alertId again changes nothing. */
  Future<Void> alertRaised(AlertRecord alert);

  /** Marks an alert cleared; an unknown alertId is ignored (its raise may have been lost). */
  Future<Void> alertCleared(String alertId, Instant at);

  /** A call's alerts in the order they were raised. */
  Future<List<AlertRecord>> alerts(String callId);

  /** Stores kudos; the same kudosId again changes nothing. */
  Future<Void> kudosAwarded(KudosRecord kudos);

  Future<List<KudosRecord>> kudos(String callId);

  // ---- outcomes and reports

  /**
   * Stores an outcome unless one with the same (callId, idempotencyKey) exists, in which case that one is returned
   * with {@code created = false} and nothing changes.
   */
  Future<OutcomeSaved> saveOutcome(OutcomeRecord outcome);

  /** A call's outcomes, oldest first; the latest is the call's current outcome. */
  Future<List<OutcomeRecord>> outcomes(String callId);

  /** One entry per call the query matches (live and ended), oldest first. */
  Future<List<CallFacts>> callFacts(ReportQuery query);

  // ---- playbooks

  Future<Optional<Playbook>> playbook(String teamId);

  /** The current playbook of every team that has one. */
  Future<List<Playbook>> playbooks();

  /**
   * Saves a team's playbook as version {@code expectedVersion + 1}; {@code expectedVersion} is 0 for a team without
   * one. Fails with {@link VersionConflict} when the stored version differs.
   */
  Future<Playbook> savePlaybook(String teamId, JsonObject document, long expectedVersion, String updatedBy,
                                Instant at);

  // ---- webhooks

  Future<Void> addWebhook(WebhookSubscription subscription);

  Future<List<WebhookSubscription>> webhooks();

  Future<Optional<WebhookSubscription>> webhook(String id);

  /** Removes a subscription and its delivery log; false when there was none. */
  Future<Boolean> removeWebhook(String id);

  /** Inserts or replaces a delivery by deliveryId. */
  Future<Void> saveDelivery(WebhookDelivery delivery);

  /** A subscription's deliveries, newest first, at most {@code limit}. */
  Future<List<WebhookDelivery>> deliveries(String subscriptionId, int limit);

  // ---- customers (care memory)

  /** A customer's calls (live and ended), newest first by (startedAt, callId), at most {@code limit}. */
  Future<List<CallRecord>> customerCalls(String customerId, int limit);

  /**
   * Erases a customer: every ended call with this customer id and everything stored of it (frames, scores, prompts
   * and feedback, whispers, alerts, kudos, outcomes). Live calls are left alone; returns the number of calls erased.
   */
  Future<Integer> forgetCustomer(String customerId);

  // ---- retention

  /**
   * Deletes the utterance frames of calls that ended before {@code cutoff}, and quarantined entries older than it;
   * scores and outcomes stay.
   */
  Future<Integer> deleteTranscriptsEndedBefore(Instant cutoff);
}
