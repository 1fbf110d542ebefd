package io.carepulse.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MigrationsTest {

  private TestDatabase db;
  private Pool first;
  private Pool second;

  @BeforeEach
  void emptySchema(Vertx vertx) {
    db = TestDatabase.create("migrations");
    first = db.pool(vertx, 1);
    second = db.pool(vertx, 1);
  }

  @AfterEach
  void dropSchema() {
    first.close();
    second.close();
    db.close();
  }

  @Test
  void aFreshDatabase_isMigrated_andTheSecondStartChangesNothing(Vertx vertx) {
    Migrations migrations = Migrations.load(vertx).await();

    assertThat(migrations.apply(first).await()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(migrations.apply(first).await()).isEmpty();

    assertThat(db.count("SELECT count(*) FROM schema_version")).isEqualTo(6);
    assertThat(db.count("SELECT count(*) FROM calls")).isZero();
  }

  @Test
  void twoInstancesStartingTogether_migrateOnce(Vertx vertx) {
    Migrations migrations = Migrations.load(vertx).await();

    List<List<Integer>> applied = Future.all(migrations.apply(first), migrations.apply(second)).await()
        .<List<Integer>>list();

    // One did the work while the other waited on the advisory lock, then found nothing to do.
    assertThat(applied).containsExactlyInAnyOrder(List.of(1, 2, 3, 4, 5, 6), List.of());
    assertThat(db.count("SELECT count(*) FROM schema_version")).isEqualTo(6);
  }

  @Test
  void aMigrationChangedAfterItWasApplied_stopsTheStart(Vertx vertx) {
    Migrations.load(vertx).await().apply(first).await();
    db.run("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");

    assertThatThrownBy(() -> Migrations.load(vertx).await().apply(second).await())
        .hasMessageContaining("V1 (history) was changed after it was applied");
  }

  @Test
  void everyFileInTheDirectory_isListed() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.DIRECTORY))) {
      assertThat(files.map(file -> file.getFileName().toString()).sorted())
          .containsExactlyElementsOf(Migrations.FILES);
    }
  }
}
