package io.carepulse.store.pg;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private schema on the shared test PostgreSQL (127.0.0.1:5432, database test; CAREPULSE_TEST_PG_URL overrides), so
 * test classes, parallel runs and other people's runs on this machine never see each other's rows. Used from the test
 * thread only.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String SERVER = System.getenv().getOrDefault("CAREPULSE_TEST_PG_URL",
      "postgresql://postgres@127.0.0.1:5432/test");

  private final Vertx vertx;
  private final String schema;

  private TestDatabase(Vertx vertx, String schema) {
    this.vertx = vertx;
    this.schema = schema;
  }

  /** A new, empty schema named after {@code owner}. */
  public static TestDatabase create(String owner) {
    String schema = ("cp_" + owner + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    TestDatabase db = new TestDatabase(Vertx.vertx(), schema);
    db.run("CREATE SCHEMA " + schema);
    return db;
  }

  public String schema() {
    return schema;
  }

  /** The URL the service would be configured with: the test server, this schema. */
  public String url() {
    return url(SERVER);
  }

  /** The same database reached through another host and port (a proxy). */
  public String url(String server) {
    return server + "?search_path=" + schema;
  }

  public String urlThrough(int port) {
    PgConnectOptions direct = PgConnectOptions.fromUri(SERVER);
    return "postgresql://" + direct.getUser() + "@127.0.0.1:" + port + "/" + direct.getDatabase() + "?search_path=" + schema;
  }

  /** A pool on this schema (close it yourself). */
  public Pool pool(Vertx on, int size) {
    return PgStore.pool(on, url(), size);
  }

  /** Migrates this schema to the current version. */
  public TestDatabase migrated() {
    Pool pool = pool(vertx, 1);
    try {
      Migrations.load(vertx).compose(m -> m.apply(pool)).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.close();
    }
    return this;
  }

  /** Runs one statement in this schema. */
  public void run(String sql) {
    query(sql);
  }

  public long count(String sql) {
    return query(sql).iterator().next().getLong(0);
  }

  private io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> query(String sql) {
    SqlClient client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(SERVER.contains("?") ? SERVER
        : url())).using(vertx).build();
    try {
      return client.query(sql).execute().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    } finally {
      client.close();
    }
  }

  /** Empties every table of the history schema (between tests of one class). */
  public void truncate() {
    run("TRUNCATE calls, frames, score_points, prompts, prompt_feedback, whispers, alerts, kudos, outcomes, playbooks,"
        + " webhooks, webhook_deliveries RESTART IDENTITY");
  }

  @Override
  public void close() {
    try {
      run("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } finally {
      vertx.close();
    }
  }
}
