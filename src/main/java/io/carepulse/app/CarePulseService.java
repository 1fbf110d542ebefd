package io.carepulse.app;

import io.carepulse.api.RestApi;
import io.carepulse.auth.JwtAuth;
import io.carepulse.engine.CoreConfig;
import io.carepulse.history.CallJournal;
import io.carepulse.history.HistoryRecovery;
import io.carepulse.history.SupervisorFeedRecorder;
import io.carepulse.history.TranscriptRetention;
import io.carepulse.live.AgentGateway;
import io.carepulse.live.CallRegistry;
import io.carepulse.live.IntegrationFeed;
import io.carepulse.live.Supervision;
import io.carepulse.ops.CareMetrics;
import io.carepulse.playbook.PlaybookSettings;
import io.carepulse.privacy.Redactor;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.InMemoryStore;
import io.carepulse.store.pg.Migrations;
import io.carepulse.store.pg.PgStore;
import io.carepulse.webhook.WebhookDispatcher;
import io.carepulse.wire.AsyncApiDocument;
import io.carepulse.wire.FrameReader;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The running service, wired once: shared, thread-safe parts (config, JWT, frame reader, call registry, metrics) and
 * one HTTP verticle per event loop. Tests start it exactly as {@code serve} does.
 */
public final class CarePulseService {

  private final Vertx vertx;
  private final AppConfig config;
  private final String jwtSecret;
  private final JwtAuth jwt;
  private final AgentGateway gateway;
  private final CallRegistry calls;
  private Supervision supervision;
  private CarePulseStore store;
  private CallJournal journal;
  private TranscriptRetention retention;
  private int port;

  private CarePulseService(Vertx vertx, AppConfig config, String jwtSecret, JwtAuth jwt, AgentGateway gateway,
                           CallRegistry calls) {
    this.vertx = vertx;
    this.config = config;
    this.jwtSecret = jwtSecret;
    this.jwt = jwt;
    this.gateway = gateway;
    this.calls = calls;
  }

  public static Future<CarePulseService> start(Vertx vertx, AppConfig config, PrometheusMeterRegistry meters) {
    String secret = config.developmentMode() ? JwtAuth.generateSecret() : config.jwtSecret();
    JwtAuth jwt = JwtAuth.create(vertx, secret);
    CareMetrics metrics = new CareMetrics(meters);
    PlaybookSettings playbooks = new PlaybookSettings(CoreConfig.defaults());
    // ----
    CallRegistry calls = new CallRegistry(vertx, playbooks, metrics, config.resumeWindow(), config.endedCallsKept());
    FrameReader reader = FrameReader.load();
    AgentGateway gateway = new AgentGateway(vertx, config, jwt, reader, calls, metrics);
    AsyncApiDocument asyncApi = AsyncApiDocument.load();
    CarePulseService service = new CarePulseService(vertx, config, secret, jwt, gateway, calls);
    // Supervisor feed, alerts, kudos and /v1/supervisor (issue 4); alert thresholds come from the team playbooks.
    Supervision supervision = Supervision.start(vertx, config, jwt, gateway, playbooks);
    supervision.feed().redactWith(Redactor.standard()::redact);
    service.supervision = supervision;

    // ---- history (in memory, or PostgreSQL), webhooks and the integrator REST API
    Future<RestApi> restApi = service.openHistory(reader, metrics).compose(store -> {
      WebhookDispatcher webhooks = new WebhookDispatcher(vertx, store, config.webhookPolicy());
      calls.addListener(webhooks);
      return playbooks.load(store)
          .compose(loaded -> new SupervisorFeedRecorder(vertx, store, webhooks, service.journal).start())
          .compose(v -> RestApi.create(vertx, jwt, store, playbooks, reader, new IntegrationFeed(calls), webhooks));
    });
    // ----

    // One instance per event loop. Port 0 means "any free port": Vert.x binds port -1 to one random port that all
    // instances share (with 0 each instance would get its own).
    java.util.List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
    return restApi.compose(rest -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(config, config.httpPort() == 0 ? -1 : config.httpPort(), gateway,
              meters, asyncApi, supervision.gateway(), rest, service.journal::health);
          instances.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.serverInstances())))
        .map(id -> {
          service.port = instances.get(0).actualPort();
          for (HttpVerticle instance : instances) {
            if (instance.actualPort() != service.port) {
              throw new IllegalStateException("server instances bound different ports");
            }
          }
          return service;
        });
  }

  /**
   * History: the store and the journal that feeds it from live calls. In memory by default; with a PostgreSQL URL,
   * the schema is migrated first, acks wait until frames are persisted, calls survive a restart, and transcripts are
   * purged after the retention period (docs/persistence.md).
   */
  private Future<CarePulseStore> openHistory(FrameReader reader, CareMetrics metrics) {
    if (config.pgUrl() == null) {
      store = new InMemoryStore(Math.max(1, config.endedCallsKept()), 1_000);
      journal = CallJournal.dropping(vertx, store, Redactor.standard(), config.journalFlushInterval(),
          config.journalQueueBound(), config.journalBatchSize()).start();
      calls.addListener(journal);
      return Future.succeededFuture(store);
    }
    Pool pool = PgStore.pool(vertx, config.pgUrl(), config.pgPoolSize());
    return Migrations.load(vertx).compose(migrations -> migrations.apply(pool))
        .recover(e -> pool.close().transform(closed -> Future.failedFuture(
            new IllegalStateException("PostgreSQL at CAREPULSE_PG_URL is not usable: " + e.getMessage(), e))))
        .map(applied -> {
          PgStore pg = new PgStore(pool);
          store = pg;
          journal = CallJournal.durable(vertx, pg, Redactor.standard(), config.journalFlushInterval(),
              config.journalQueueBound(), config.journalBatchSize()).persistLatency(metrics.persistLatency()).start();
          calls.addListener(journal);
          calls.ackGate(journal.persistedAcks());
          calls.recovery(new HistoryRecovery(pg, reader, () -> journal.health().storeUp()));
          metrics.journal(() -> journal.health().pendingFrames(), () -> journal.health().storeUp() ? 1 : 0);
          if (config.retentionDays() > 0) {
            retention = new TranscriptRetention(vertx, pg, Duration.ofDays(config.retentionDays()), Duration.ofHours(1),
                Clock.systemUTC()).start();
          }
          return pg;
        });
  }

  public int port() {
    return port;
  }

  public AppConfig config() {
    return config;
  }

  /** The secret in use: the configured one, or the one generated for this development run. */
  public String jwtSecret() {
    return jwtSecret;
  }

  public JwtAuth jwt() {
    return jwt;
  }

  public CallRegistry calls() {
    return calls;
  }

  public AgentGateway gateway() {
    return gateway;
  }

  public Supervision supervision() {
    return supervision;
  }

  public CarePulseStore store() {
    return store;
  }

  public CallJournal journal() {
    return journal;
  }

  /**
   * Graceful shutdown: /ready turns down, agents finish in-flight frames and get close 1001, then the journal writes
   * what is queued (with PostgreSQL down it cannot: those frames were never acked, and their clients resend them).
   */
  public Future<Void> shutdown() {
    return Future.join(gateway.drain(), supervision.close()).transform(drained -> {
      if (retention != null) {
        retention.stop();
      }
      return journal.stop();
    }).transform(written -> store instanceof PgStore pg ? pg.close() : Future.succeededFuture());
  }
}
