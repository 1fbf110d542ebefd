package io.carepulse.tools.bench;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A schema of its own on the PostgreSQL server the suite is pointed at, for the service's history during the (d)
 * rows. The service migrates into the first schema of its connection's {@code search_path}, so the URL the service
 * gets names this one ({@code ?search_path=}); nothing else on the server is touched, and the schema is dropped,
 * tables and all, when the suite is done with it — also when the suite is interrupted (a shutdown hook).
 */
final class HistorySchema implements AutoCloseable {

  private static final long SQL_TIMEOUT_SECONDS = 60;

  private final String serverUrl;
  private final String name;
  private final Vertx vertx = Vertx.vertx();
  private final Thread dropOnExit = new Thread(this::drop, "bench-drop-history-schema");
  private boolean dropped;

  private HistorySchema(String serverUrl, String name) {
    this.serverUrl = serverUrl;
    this.name = name;
  }

  /**
   * Creates {@code carepulse_bench_<stamp>_<random>} on the server at {@code serverUrl}; throws
   * {@link Unreachable} (with the reason) when the server cannot be reached or will not have it.
   */
  static HistorySchema create(String serverUrl, String stamp) throws Unreachable {
    String suffix = Integer.toString(new SecureRandom().nextInt(1 << 20), 36);
    String name = ("carepulse_bench_" + stamp + "_" + suffix).replaceAll("[^a-z0-9_]", "_").toLowerCase(Locale.ROOT);
    HistorySchema schema = new HistorySchema(serverUrl, name);
    try {
      schema.run("CREATE SCHEMA " + name);
    } catch (Exception e) {
      schema.vertx.close();
      throw new Unreachable(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(schema.dropOnExit);
    return schema;
  }

  String name() {
    return name;
  }

  /** The URL the service is started with: the same server and database, this schema first on the search path. */
  String serviceUrl() {
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "search_path=" + name;
  }

  /** Rows in one of the service's tables (what was persisted), or -1 when it cannot be read. */
  long rows(String table) {
    try {
      return query(serviceUrl(), "SELECT count(*) FROM " + table).iterator().next().getLong(0);
    } catch (Exception e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(dropOnExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway
    }
    drop();
  }

  private synchronized void drop() {
    if (dropped) {
      return;
    }
    dropped = true;
    try {
      run("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    } catch (Exception e) {
      System.err.println("bench suite: could not drop schema " + name + " (drop it by hand): " + e.getMessage());
    } finally {
      vertx.close();
    }
  }

  private void run(String sql) throws Exception {
    query(serverUrl, sql);
  }

  /** One statement on a connection of its own: the suite runs a handful, from its main thread. */
  private RowSet<Row> query(String url, String sql) throws Exception {
    SqlClient client = PgBuilder.client().with(new NetClientOptions().setConnectTimeout(3_000))
        .connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    try {
      return client.query(sql).execute().await(SQL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  /** The server could not be reached, or would not create the schema. */
  static final class Unreachable extends Exception {
    Unreachable(String reason) {
      super(reason);
    }
  }
}
