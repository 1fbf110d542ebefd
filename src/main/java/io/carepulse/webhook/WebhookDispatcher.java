package io.carepulse.webhook;

import io.carepulse.live.CallEvent;
import io.carepulse.live.CallListener;
import io.carepulse.live.CallRegistry;
import io.carepulse.live.SupervisorMessages;
import io.carepulse.rx.ContextScheduler;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.WebhookDelivery;
import io.carepulse.store.WebhookSubscription;
import io.carepulse.wire.ServerMessages;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to webhook subscribers: {@code call.ended} (a {@link CallListener}), {@code alert.raised} and
 * {@code kudos.awarded} (from the supervisor feed's event-bus addresses). Each delivery is signed
 * ({@link WebhookSignature}), retried with exponential backoff on a non-2xx answer or no answer, and logged in the
 * store after every attempt. A verticle: everything runs on its context; a call's event loop only hands the event
 * over, and a slow receiver delays nobody but itself.
 */
public final class WebhookDispatcher extends VerticleBase implements CallListener {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  public static final String CALL_ENDED = "call.ended";
  public static final String ALERT_RAISED = "alert.raised";
  public static final String KUDOS_AWARDED = "kudos.awarded";

  /** How long a read of the subscriptions serves later events: what a change through another node may take. */
  static final long SUBSCRIPTIONS_FRESH_MS = 5_000;

  private final CarePulseStore store;
  private final WebhookPolicy policy;
  private final CallRegistry calls;
  private final WebhookTargets targets;
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  private final SubscriptionCache subscriptions;
  private Scheduler scheduler;
  private WebClient client;

  public WebhookDispatcher(CarePulseStore store, WebhookPolicy policy, WebhookTargets targets, CallRegistry calls) {
    this.store = store;
    this.policy = policy;
    this.targets = targets;
    this.calls = calls;
    this.subscriptions = new SubscriptionCache(store::webhooks, SUBSCRIPTIONS_FRESH_MS, System::currentTimeMillis);
  }

  /** Whether {@code url} may receive deliveries (see {@link WebhookTargets}); call once the dispatcher runs. */
  public Future<Void> checkTarget(String url) {
    return targets.check(vertx, url);
  }

  /** Hears ended calls and the feed's alerts and kudos from now on. */
  @Override
  public Future<?> start() {
    scheduler = new ContextScheduler(context);
    // Kept in a field for the life of the verticle (docs/stack-notes.md P2).
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("CarePulse-Webhooks/1")
        .setConnectTimeout((int) policy.timeout().toMillis()));
    calls.addListener(this);
    // Local: in a cluster the call's owner raises each alert and kudos once, and only its node delivers them.
    MessageConsumer<JsonObject> alerts = vertx.eventBus().localConsumer(SupervisorMessages.ALERTS_ADDRESS, message -> {
      if (ALERT_RAISED.equals(message.body().getString("type"))) {
        publish(ALERT_RAISED, without(message.body(), "type"));
      }
    });
    MessageConsumer<JsonObject> kudos = vertx.eventBus().localConsumer(SupervisorMessages.KUDOS_ADDRESS,
        message -> publish(KUDOS_AWARDED, without(message.body(), "type")));
    return Future.all(alerts.completion(), kudos.completion());
  }

  @Override
  public Future<?> stop() {
    calls.removeListener(this);
    client.close();
    return Future.succeededFuture();
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof CallEvent.Ended ended) {
      JsonObject data = ServerMessages.summary(ended.ended().summary());
      data.remove("type");
      data.put("agentId", ended.call().agentId()).put("teamId", ended.call().teamId())
          .put("reason", ended.ended().reason()).put("lastSeq", ended.ended().lastSeq())
          .put("endedAt", ended.ended().endedAt().toString());
      publish(CALL_ENDED, data);
    }
  }

  /**
   * Sends {@code data} as event {@code type} to every subscriber of it; returns at once. When the subscriptions cannot
   * be read, the event waits and tries again with the delivery back-off, and is dropped (logged) only when every
   * attempt failed.
   */
  public void publish(String type, JsonObject data) {
    JsonObject envelope = new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type)
        .put("createdAt", now().toString()).put("data", data);
    context.runOnContext(v -> Single.defer(() -> Single.fromCompletionStage(subscriptions.get().toCompletionStage()))
        .retryWhen(failures -> failures.zipWith(Flowable.range(2, policy.attempts()), (failure, next) ->
                next > policy.attempts() ? Flowable.<Long>error(failure)
                    : Flowable.timer(policy.delayBeforeMillis(next), TimeUnit.MILLISECONDS, scheduler))
            .concatMap(wait -> wait))
        .subscribe(all -> {
          String body = envelope.encode();
          all.stream().filter(s -> s.wants(type)).forEach(s -> deliver(s, type, envelope.getString("id"), body));
        }, e -> LOG.atWarn().setCause(e).addKeyValue("event", type).addKeyValue("eventId", envelope.getString("id"))
            .log("cannot read webhook subscriptions; event not delivered")));
  }

  /** A subscription was added: events from now on go to it too. */
  public void added() {
    subscriptions.invalidate();
  }

  /** Stops retrying deliveries to a removed subscription. */
  public void forget(String subscriptionId) {
    removed.add(subscriptionId);
    subscriptions.invalidate();
  }

  /**
   * Attempt 1 at once, each next one after its back-off, until one is answered 2xx or the policy's attempts are
   * spent; every attempt is logged in the store with its number.
   */
  private void deliver(WebhookSubscription subscription, String type, String eventId, String body) {
    String deliveryId = UUID.randomUUID().toString();
    Instant created = now();
    Flowable.range(1, policy.attempts())
        .concatMapSingle(attempt -> attempt == 1 ? attempt(subscription, type, eventId, deliveryId, body, created, 1)
            : Single.timer(policy.delayBeforeMillis(attempt), TimeUnit.MILLISECONDS, scheduler)
                .flatMap(tick -> attempt(subscription, type, eventId, deliveryId, body, created, attempt)))
        .takeUntil(Attempt::ok)
        .lastOrError()
        .subscribe(
            last -> {
              if (last.ok()) {
                LOG.atDebug().addKeyValue("webhook", subscription.id()).addKeyValue("event", type)
                    .log("webhook delivered");
              } else {
                LOG.atWarn().addKeyValue("webhook", subscription.id()).addKeyValue("event", type)
                    .addKeyValue("attempts", last.number()).log("webhook delivery given up: " + last.error());
              }
            },
            failed -> LOG.atWarn().setCause(failed).addKeyValue("webhook", subscription.id()).log("webhook delivery failed"));
  }

  /** One attempt: posted (unless the subscription was removed meanwhile), then logged; a log that fails is skipped. */
  private Single<Attempt> attempt(WebhookSubscription subscription, String type, String eventId, String deliveryId,
                                  String body, Instant created, int number) {
    if (removed.contains(subscription.id())) {
      return Single.just(new Attempt(number, null, "subscription removed"));
    }
    return post(subscription, type, deliveryId, body, number).flatMap(result -> {
      WebhookDelivery.State state = result.ok() ? WebhookDelivery.State.DELIVERED
          : number >= policy.attempts() ? WebhookDelivery.State.FAILED : WebhookDelivery.State.PENDING;
      // A delivery log that cannot be written loses a log line, never the delivery.
      return Completable.fromCompletionStage(store.saveDelivery(new WebhookDelivery(deliveryId, subscription.id(),
              type, eventId, state, number, result.status(), result.error(), created, now())).toCompletionStage())
          .onErrorComplete()
          .andThen(Single.just(result));
    });
  }

  private Single<Attempt> post(WebhookSubscription subscription, String type, String deliveryId, String body,
                               int number) {
    long t = System.currentTimeMillis() / 1000;
    io.vertx.core.Future<HttpResponse<Buffer>> sent = targets.check(vertx, subscription.url()).compose(allowed ->
        client.postAbs(subscription.url())
        .timeout(policy.timeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("CarePulse-Event", type)
        .putHeader("CarePulse-Delivery", deliveryId)
        .putHeader(WebhookSignature.HEADER, WebhookSignature.header(subscription.secret(), t, body))
        .sendBuffer(Buffer.buffer(body)));
    return Single.fromCompletionStage(sent.toCompletionStage())
        .map(response -> new Attempt(number, response.statusCode(), response.statusCode() / 100 == 2 ? null
            : "receiver answered " + response.statusCode()))
        .onErrorReturn(e -> new Attempt(number, null,
            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** One attempt's result: its number, the receiver's status (null without an answer) and what went wrong. */
  private record Attempt(int number, Integer status, String error) {
    boolean ok() {
      return error == null || status == null && "subscription removed".equals(error);
    }
  }

  private static JsonObject without(JsonObject message, String field) {
    JsonObject copy = message.copy();
    copy.remove(field);
    return copy;
  }
}
