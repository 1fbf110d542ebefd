package io.carepulse.webhook;

import io.carepulse.live.CallEvent;
import io.carepulse.live.CallListener;
import io.carepulse.rx.ContextScheduler;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.WebhookDelivery;
import io.carepulse.store.WebhookSubscription;
import io.carepulse.wire.ServerMessages;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
 * {@code kudos.awarded} (from the supervisor feed, see {@link #publish}). Each delivery is signed
 * ({@link WebhookSignature}), retried with exponential backoff on a non-2xx answer or no answer, and logged in the
 * store after every attempt. Everything runs on the dispatcher's own context: a call's event loop only hands the
 * event over, and a slow receiver delays nobody but itself.
 */
public final class WebhookDispatcher implements CallListener {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  public static final String CALL_ENDED = "call.ended";
  public static final String ALERT_RAISED = "alert.raised";
  public static final String KUDOS_AWARDED = "kudos.awarded";

  private final CarePulseStore store;
  private final WebhookPolicy policy;
  private final Context context;
  private final Scheduler scheduler;
  private final WebClient client;
  private final Set<String> removed = ConcurrentHashMap.newKeySet();

  public WebhookDispatcher(Vertx vertx, CarePulseStore store, WebhookPolicy policy) {
    this.store = store;
    this.policy = policy;
    this.context = vertx.getOrCreateContext();
    this.scheduler = new ContextScheduler(context);
    // Kept in a field for the life of the service (STACK.md P2).
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("CarePulse-Webhooks/1")
        .setConnectTimeout((int) policy.timeout().toMillis()));
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

  /** Sends {@code data} as event {@code type} to every subscriber of it; returns at once. */
  public void publish(String type, JsonObject data) {
    context.runOnContext(v -> store.webhooks().onSuccess(subscriptions -> {
      JsonObject envelope = new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type)
          .put("createdAt", now().toString()).put("data", data);
      String body = envelope.encode();
      subscriptions.stream().filter(s -> s.wants(type))
          .forEach(s -> deliver(s, type, envelope.getString("id"), body));
    }).onFailure(e -> LOG.atWarn().setCause(e).log("cannot read webhook subscriptions; event not delivered")));
  }

  /** Stops retrying deliveries to a removed subscription. */
  public void forget(String subscriptionId) {
    removed.add(subscriptionId);
  }

  private void deliver(WebhookSubscription subscription, String type, String eventId, String body) {
    String deliveryId = UUID.randomUUID().toString();
    Instant created = now();
    int[] attempt = {0};
    Single.defer(() -> {
          attempt[0]++;
          if (removed.contains(subscription.id())) {
            return Single.just(new Attempt(null, "subscription removed"));
          }
          return post(subscription, type, deliveryId, body).flatMap(result -> {
            boolean last = attempt[0] >= policy.attempts();
            WebhookDelivery.State state = result.ok() ? WebhookDelivery.State.DELIVERED
                : last ? WebhookDelivery.State.FAILED : WebhookDelivery.State.PENDING;
            // A delivery log that cannot be written loses a log line, never the delivery.
            return Completable.fromCompletionStage(store.saveDelivery(new WebhookDelivery(deliveryId, subscription.id(),
                    type, eventId, state, attempt[0], result.status(), result.error(), created, now())).toCompletionStage())
                .onErrorComplete()
                .andThen(result.ok() ? Single.just(result) : Single.<Attempt>error(new Retry(result)));
          });
        })
        .retryWhen(failures -> failures.flatMap(failure -> failure instanceof Retry && attempt[0] < policy.attempts()
            ? Flowable.timer(policy.delayBeforeMillis(attempt[0] + 1), TimeUnit.MILLISECONDS, scheduler)
            : Flowable.error(failure)))
        .subscribe(
            delivered -> LOG.atDebug().addKeyValue("webhook", subscription.id()).addKeyValue("event", type)
                .log("webhook delivered"),
            failed -> LOG.atWarn().addKeyValue("webhook", subscription.id()).addKeyValue("event", type)
                .addKeyValue("attempts", attempt[0]).log("webhook delivery given up: " + failed.getMessage()));
  }

  private Single<Attempt> post(WebhookSubscription subscription, String type, String deliveryId, String body) {
    long t = System.currentTimeMillis() / 1000;
    io.vertx.core.Future<HttpResponse<Buffer>> sent = client.postAbs(subscription.url())
        .timeout(policy.timeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("CarePulse-Event", type)
        .putHeader("CarePulse-Delivery", deliveryId)
        .putHeader(WebhookSignature.HEADER, WebhookSignature.header(subscription.secret(), t, body))
        .sendBuffer(Buffer.buffer(body));
    return Single.fromCompletionStage(sent.toCompletionStage())
        .map(response -> new Attempt(response.statusCode(), response.statusCode() / 100 == 2 ? null
            : "receiver answered " + response.statusCode()))
        .onErrorReturn(e -> new Attempt(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** One attempt's result: the receiver's status (null without an answer) and what went wrong. */
  private record Attempt(Integer status, String error) {
    boolean ok() {
      return error == null || status == null && "subscription removed".equals(error);
    }
  }

  /** A failed attempt that may be retried. */
  private static final class Retry extends RuntimeException {
    Retry(Attempt attempt) {
      super(attempt.error(), null, false, false);
    }
  }
}
