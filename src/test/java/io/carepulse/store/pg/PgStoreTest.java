package io.carepulse.store.pg;

import io.carepulse.store.CarePulseStore;
import io.carepulse.store.CarePulseStoreContract;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** The store contract against a real PostgreSQL, one private schema for the class, emptied before each test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PgStoreTest extends CarePulseStoreContract {

  private static TestDatabase db;
  private Pool pool;

  @BeforeAll
  static void schema() {
    db = TestDatabase.create("store").migrated();
  }

  @AfterAll
  static void dropSchema() {
    db.close();
  }

  @Override
  protected CarePulseStore newStore(Vertx vertx) {
    db.truncate();
    pool = db.pool(vertx, 2);
    return new PgStore(pool);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }
}
