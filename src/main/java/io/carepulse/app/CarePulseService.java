package io.carepulse.app;

import io.carepulse.calibrate.ModelFiles;
import io.carepulse.api.RestApi;
import io.carepulse.auth.JwtAuth;
import io.carepulse.engine.CoreConfig;
import io.carepulse.history.CallJournal;
import io.carepulse.history.AgentMemory;
import io.carepulse.history.CustomerMemory;
import io.carepulse.history.HistoryRecovery;
import io.carepulse.history.JournalVerticle;
import io.carepulse.history.SupervisorFeedRecorder;
import io.carepulse.history.TranscriptRetention;
import io.carepulse.live.AckGate;
import io.carepulse.live.AgentGateway;
import io.carepulse.live.CallHistory;
import io.carepulse.live.CallOwnership;
import io.carepulse.live.CallRecovery;
import io.carepulse.live.CallRegistry;
import io.carepulse.live.IntegrationFeed;
import io.carepulse.auth.OriginPolicy;
import io.carepulse.live.Supervision;
import io.carepulse.ops.CareMetrics;
import io.carepulse.playbook.PlaybookSettings;
import io.carepulse.privacy.Redactor;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.InMemoryStore;
import io.carepulse.store.pg.Migrations;
import io.carepulse.store.pg.PgStore;
import io.carepulse.webhook.WebhookDispatcher;
import io.carepulse.webhook.WebhookTargets;
import io.carepulse.wire.AsyncApiDocument;
import io.carepulse.wire.FrameReader;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The running service, wired once, in the order things depend on each other: the store (in memory, or PostgreSQL
 * migrated first); the journal verticle that feeds it; the call registry, which acks through the journal and
 * recovers calls from the store; the socket gateways; the background verticles (supervisor feed, feed recorder,
 * webhooks, transcript retention), deployed together; the REST API; and one HTTP verticle per event loop. Tests start
 * it exactly as {@code serve} does.
 */
public final class CarePulseService {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CarePulseService.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final String jwtSecret;
  private final JwtAuth jwt;
  private final CarePulseStore store;
  private final CallJournal journal;
  private final CallRegistry calls;
  private final AgentGateway gateway;
  private final Supervision supervision;
  /** Background verticles, undeployed in reverse order on shutdown (the journal last: it writes what is queued). */
  private final List<String> deployments = new ArrayList<>();
  private int port;

  private CarePulseService(Vertx vertx, AppConfig config, String jwtSecret, JwtAuth jwt, CarePulseStore store,
                           CallJournal journal, CallRegistry calls, AgentGateway gateway, Supervision supervision) {
    this.vertx = vertx;
    this.config = config;
    this.jwtSecret = jwtSecret;
    this.jwt = jwt;
    this.store = store;
    this.journal = journal;
    this.calls = calls;
    this.gateway = gateway;
    this.supervision = supervision;
  }

  /** How far back care memory remembers a customer's calls (docs/score-model.md "Care memory"). */
  static final int MEMORY_DAYS = 30;
  /** The journal's own connections (it writes one batch at a time; the second covers a reconnect). */
  private static final int JOURNAL_CONNECTIONS = 2;

  public static Future<CarePulseService> start(Vertx vertx, AppConfig config, PrometheusMeterRegistry meters) {
    return start(vertx, config, meters, CallOwnership.SOLE);
  }

  /** As a member of a cluster: {@code ownership} says which node owns each call (docs/cluster.md). */
  public static Future<CarePulseService> start(Vertx vertx, AppConfig config, PrometheusMeterRegistry meters,
                                               CallOwnership ownership) {
    String secret = config.developmentMode() ? JwtAuth.generateSecret() : config.jwtSecret();
    JwtAuth jwt = JwtAuth.create(vertx, secret, config.edge().maxTokenLifetime());
    // One origin policy for both sockets and the REST API's CORS (docs/reliability.md, "Socket abuse").
    OriginPolicy origins = OriginPolicy.of(config.edge().allowedOrigins());
    if (origins.allowsAny() && !config.developmentMode()) {
      LOG.warn("CAREPULSE_ALLOWED_ORIGINS is empty: pages on any web origin may open the sockets and call the REST API"
          + " from a browser; list the origins of your own pages (comma-separated)");
    }
    CareMetrics metrics = new CareMetrics(meters);
    PlaybookSettings playbooks = new PlaybookSettings(ModelFiles.config(config.model()));
    FrameReader reader = FrameReader.load();
    return openStore(vertx, config).compose(store -> {
      boolean durable = store instanceof PgStore;
      if (store instanceof InMemoryStore memoryStore) {
        metrics.inMemoryHistory(memoryStore::bytes, memoryStore::evictions, memoryStore.maxBytes());
      }
      JournalVerticle journaling = durable
          ? JournalVerticle.durable(store, config.journalFlushInterval(), config.journalQueueBound(),
              config.journalBatchSize(), metrics)
          : JournalVerticle.dropping(store, config.journalFlushInterval(), config.journalQueueBound(),
              config.journalBatchSize());
      return vertx.deployVerticle(journaling).compose(journalId -> {
        CallJournal journal = journaling.journal();
        // With PostgreSQL an ack means persisted, and calls survive a restart (docs/persistence.md).
        AckGate acks = durable ? journal.persistedAcks() : AckGate.IMMEDIATE;
        CallRecovery recovery = durable ? new HistoryRecovery(store, reader, () -> journal.health().storeUp())
            : CallRecovery.NONE;
        // Care memory never reaches back further than transcripts are kept.
        CustomerMemory memory = new CustomerMemory(Duration.ofDays(config.retentionDays() > 0
            ? Math.min(config.retentionDays(), MEMORY_DAYS) : MEMORY_DAYS), Clock.systemUTC());
        AgentMemory agents = new AgentMemory(Duration.ofDays(MEMORY_DAYS), Clock.systemUTC());
        CallRegistry calls = new CallRegistry(vertx, config.live(), playbooks, metrics,
            new CallHistory(journal, acks, recovery, memory, agents), ownership);
        calls.addListener(memory);
        calls.addListener(agents);
        AgentGateway gateway = new AgentGateway(vertx, config.live(), jwt, origins, reader, calls, metrics);
        // Alert thresholds come from the team playbooks; supervisors see transcripts redacted.
        Supervision supervision = Supervision.create(vertx, config.live(), jwt, origins, gateway, playbooks,
            Redactor.standard()::redact);
        CarePulseService service = new CarePulseService(vertx, config, secret, jwt, store, journal, calls, gateway,
            supervision);
        service.deployments.add(journalId);
        WebhookDispatcher webhooks = new WebhookDispatcher(store, config.webhookPolicy(),
            new WebhookTargets(config.webhookAllowPrivate()), calls);
        List<Deployable> background = new ArrayList<>(List.of(supervision.feed(),
            new SupervisorFeedRecorder(store, journal), webhooks));
        if (durable && config.retentionDays() > 0) {
          background.add(new TranscriptRetention(store, Duration.ofDays(config.retentionDays()), Duration.ofHours(1),
              Clock.systemUTC()));
        }
        ConnectionGuard guard = new ConnectionGuard(vertx, config.edge(), meters);
        return Future.join(playbooks.load(store), memory.load(store), agents.load(store), service.deploy(background))
            .compose(ready -> RestApi.create(vertx, jwt, store, playbooks, reader, new IntegrationFeed(calls,
                supervision.lookup(), reader), webhooks, memory, config.restRequestsPerSecond()))
            .compose(rest -> service.serve(meters, reader, rest, guard, origins, ownership));
      });
    });
  }

  /** In memory by default; with a PostgreSQL URL, the schema is migrated before anything else starts. */
  private static Future<CarePulseStore> openStore(Vertx vertx, AppConfig config) {
    if (config.pgUrl() == null) {
      return Future.succeededFuture(new InMemoryStore(Math.max(1, config.endedCallsKept()),
          config.historyMemoryMb() * 1024L * 1024L, 1_000));
    }
    Pool pool = PgStore.pool(vertx, config.pgUrl(), config.pgPoolSize());
    return Migrations.load(vertx).compose(migrations -> migrations.apply(pool))
        .recover(e -> pool.close().transform(closed -> Future.failedFuture(
            new IllegalStateException("PostgreSQL at CAREPULSE_PG_URL is not usable: " + e.getMessage(), e))))
        .compose(applied -> {
          // Connected before the first frame, so that a database the journal cannot reach stops the start, and the
          // first batch does not also pay for the connection.
          Pool journal = PgStore.pool(vertx, config.pgUrl(), JOURNAL_CONNECTIONS, "carepulse-journal");
          return journal.query("SELECT 1").execute().<CarePulseStore>map(connected -> new PgStore(pool, journal))
              .onFailure(e -> journal.close());
        });
  }

  private Future<Void> deploy(List<Deployable> verticles) {
    List<Future<String>> deployed = new ArrayList<>();
    for (Deployable verticle : verticles) {
      deployed.add(vertx.deployVerticle(verticle).onSuccess(deployments::add));
    }
    return Future.join(deployed).mapEmpty();
  }

  /**
   * One HTTP verticle per event loop. Port 0 means "any free port": Vert.x binds port -1 to one random port that all
   * instances share (with 0 each instance would get its own).
   */
  private Future<CarePulseService> serve(PrometheusMeterRegistry meters, FrameReader reader, RestApi rest,
                                         ConnectionGuard guard, OriginPolicy origins, CallOwnership ownership) {
    AsyncApiDocument asyncApi = AsyncApiDocument.load();
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    MetricsAccess metricsAccess = new MetricsAccess(jwt, config.metricsToken());
    Future<?> management = config.managementPort() == 0 ? Future.succeededFuture()
        : vertx.deployVerticle(new ManagementVerticle(config, new Operations(vertx, config, gateway, meters,
            journal::health, ownership))).onSuccess(deployments::add);
    return management.compose(managed -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(config, config.httpPort() == 0 ? -1 : config.httpPort(), gateway,
              meters, asyncApi, supervision.gateway(), rest, journal::health, guard, origins, metricsAccess, ownership);
          instances.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.serverInstances())))
        .map(id -> {
          port = instances.get(0).actualPort();
          for (HttpVerticle instance : instances) {
            if (instance.actualPort() != port) {
              throw new IllegalStateException("server instances bound different ports");
            }
          }
          return this;
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Which node owns each call: this one alone, or the cluster's leases. */
  public CallOwnership ownership() {
    return calls.ownership();
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
   * Graceful shutdown: /ready turns down, agents finish in-flight frames and get close 1001, supervisors 1001; then
   * the background verticles stop, the journal last, writing what is queued (with PostgreSQL down it cannot: those
   * frames were never acked, and their clients resend them).
   */
  public Future<Void> shutdown() {
    // In a cluster the calls are handed over first (written, leases given up), so the agents' resumes elsewhere are
    // granted at once; the drain then closes the sockets.
    return gateway.handOver(journal::flush)
        .onSuccess(calls -> {
          if (calls > 0) {
            LOG.atInfo().addKeyValue("calls", calls).log("calls handed over to the cluster");
          }
        })
        .transform(handedOver -> Future.join(gateway.drain(), supervision.close()))
        .transform(drained -> undeployBackground(deployments.size() - 1))
        .transform(written -> store instanceof PgStore pg ? pg.close() : Future.succeededFuture());
  }

  private Future<Void> undeployBackground(int index) {
    if (index < 0) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deployments.get(index)).transform(done -> undeployBackground(index - 1));
  }
}
