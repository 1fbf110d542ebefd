package io.carepulse.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date at start-up from the versioned SQL files in {@code db/migration} (V1__..., V2__...).
 * Safe on every start and from several instances at once: everything runs in one transaction holding a
 * transaction-scoped advisory lock (per schema), so a second instance waits, then finds the work done. Each applied
 * file's SHA-256 is kept in {@code schema_version}; a file changed after it was applied stops the start rather than
 * leaving two databases that disagree about what V1 means.
 *
 * <p>Why not Flyway or Liquibase: both run on JDBC (a second driver and blocking calls beside vertx-pg-client), and our
 * needs are a forward-only list of files — about a hundred lines (docs/persistence.md).
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** Every migration, in order. {@code MigrationsTest} checks this list against the directory. */
  public static final List<String> FILES = List.of("V1__history.sql", "V2__score_customer.sql", "V3__customer_calls.sql",
      "V4__quarantine.sql", "V5__start_context.sql", "V6__prompt_also.sql");

  static final String DIRECTORY = "db/migration/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  /** One versioned SQL file. */
  public record Migration(int version, String description, String sql, String checksum) {
  }

  private final List<Migration> migrations;

  private Migrations(List<Migration> migrations) {
    this.migrations = migrations;
  }

  /** Reads the files off the classpath on a worker thread (class-path reads may touch the disk). */
  public static Future<Migrations> load(Vertx vertx) {
    return vertx.executeBlocking(() -> new Migrations(FILES.stream().map(Migrations::read).toList()), false);
  }

  public List<Migration> migrations() {
    return migrations;
  }

  /** Applies what is missing; completes with the versions this call applied (empty when already up to date). */
  public Future<List<Integer>> apply(Pool pool) {
    return pool.withTransaction(conn -> conn.query(SqlQueries.MIGRATION_LOCK).execute()
        .compose(locked -> conn.query(SqlQueries.QUIET_NOTICES).execute())
        .compose(quiet -> conn.query(SqlQueries.CREATE_SCHEMA_VERSION).execute())
        .compose(created -> conn.query(SqlQueries.APPLIED_MIGRATIONS).execute())
        .compose(rows -> {
          Map<Integer, String> applied = new HashMap<>();
          for (Row row : rows) {
            applied.put(row.getInteger("version"), row.getString("checksum"));
          }
          return applyMissing(conn, applied, 0, new java.util.ArrayList<>());
        }));
  }

  private Future<List<Integer>> applyMissing(SqlConnection conn, Map<Integer, String> applied, int index,
                                             List<Integer> done) {
    if (index == migrations.size()) {
      return Future.succeededFuture(List.copyOf(done));
    }
    Migration next = migrations.get(index);
    String checksum = applied.get(next.version());
    if (checksum != null) {
      if (!checksum.equals(next.checksum())) {
        return Future.failedFuture(new IllegalStateException("migration V" + next.version() + " (" + next.description()
            + ") was changed after it was applied; add a new migration instead"));
      }
      return applyMissing(conn, applied, index + 1, done);
    }
    return conn.query(next.sql()).execute()
        .compose(ran -> conn.preparedQuery(SqlQueries.RECORD_MIGRATION)
            .execute(Tuple.of(next.version(), next.description(), next.checksum())))
        .compose(recorded -> {
          LOG.atInfo().addKeyValue("version", next.version()).log("applied migration V{}__{}", next.version(),
              next.description());
          done.add(next.version());
          return applyMissing(conn, applied, index + 1, done);
        });
  }

  private static Migration read(String file) {
    Matcher name = NAME.matcher(file);
    if (!name.matches()) {
      throw new IllegalStateException("migration file " + file + " is not named V<version>__<description>.sql");
    }
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException("migration " + DIRECTORY + file + " is missing from the class path");
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Migration(Integer.parseInt(name.group(1)), name.group(2), sql, sha256(sql));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + file, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
