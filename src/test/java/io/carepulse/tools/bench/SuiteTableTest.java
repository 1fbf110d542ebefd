package io.carepulse.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The (d) part of the suite's table: each variant beside its (a) row, skipped rows say why. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SuiteTableTest {

  private static final Machine MACHINE = new Machine("2026-11-23 10:00 UTC", "test CPU", 2, "Linux", "Java 17", 20_000);

  @Test
  void variantsAreShownBesideTheInMemoryRowWithAsManyCallsAndSkippedOnesSayWhy() {
    JsonObject plain = step(1_000, 1.5);
    JsonObject persisted = step(1_000, 30.0).put("databaseCpuCores", 0.4);
    JsonObject watched = step(1_000, 2.5).put("supervisors", new JsonObject().put("attached", 200)
        .put("messagesPerSec", 40_000.0).put("bytesPerSec", 22_000_000.0));
    List<Row> rows = List.of(
        Row.steady("(a) 1,000 calls x 5 frames/s", "CarePulse", plain),
        Row.variant("(d2) 1,000 calls, 200 supervisors", "CarePulse + supervisors", watched),
        Row.variant("(d1) 1,000 calls, PostgreSQL on (ack = persisted)", "CarePulse + PostgreSQL", persisted),
        Row.skipped("(d1) 5,000 calls, PostgreSQL on (ack = persisted)", 5_000,
            "skipped: PostgreSQL not reachable at postgresql://postgres@127.0.0.1:5432/test (Connection refused)"));

    String table = SuiteTable.render(MACHINE, "-Xms1g -Xmx1g -XX:+UseG1GC", "warmed", CpuPinning.NONE, rows, 12);

    assertThat(table).contains("| (a) 1,000 calls x 5 frames/s, as above (in memory, no supervisors) | CarePulse | "
        + "5,000 | 6,000 | 1.50 |");
    assertThat(table).contains("| (d2) 1,000 calls, 200 supervisors | CarePulse + supervisors |")
        .contains("| 40,000 (200 attached) | 22.0 |");
    assertThat(table).contains("| (d1) 1,000 calls, PostgreSQL on (ack = persisted) | CarePulse + PostgreSQL | "
        + "5,000 | 6,000 | 30.0 |").contains("| 0.40 | – | – |");
    assertThat(table).contains("| (d1) 5,000 calls, PostgreSQL on (ack = persisted) | skipped: PostgreSQL not reachable");
    assertThat(table).doesNotContain("not available yet").doesNotContain("| idle calls |");
  }

  @Test
  void theGoalsAreRatiosToTheEchoOfTheSameRunAndSayWhetherTheyWereMet() {
    JsonObject service = step(1_000, 2.0).put("serverCpuCores", 0.6);
    JsonObject echo = step(1_000, 1.0).put("serverCpuCores", 0.3);
    JsonObject persisted = step(1_000, 2.5).put("serverCpuCores", 0.7).put("databaseCpuCores", 0.2);
    List<Row> rows = List.of(
        Row.steady("(a) 1,000 calls x 5 frames/s", "CarePulse", service),
        Row.steady("(a) 1,000 calls x 5 frames/s", "echo", echo),
        Row.variant("(d1) 1,000 calls, PostgreSQL on (ack = persisted)", "CarePulse + PostgreSQL", persisted));

    String table = SuiteTable.render(MACHINE, "-Xms1g -Xmx1g -XX:+UseG1GC", "warmed", CpuPinning.NONE, rows, 12);

    // 0.6 cores over 5,000 frames/s is 120 µs a frame against echo's 60: twice, above 1.5x.
    assertThat(table).contains("| server CPU per frame, 5,000 frames/s | 120 µs | 60.0 µs | **2.00x** | ≤ 1.50x | "
        + "**missed** |");
    assertThat(table).contains("| frame→ack p99, 5,000 frames/s | 6.00 ms | 3.00 ms | **2.00x** | ≤ 1.50x | **missed** |");
    assertThat(table).contains("| frame→ack p99, CarePulse + PostgreSQL (PostgreSQL 0.20 cores), 5,000 frames/s | "
        + "7.50 ms | 3.00 ms | **2.50x** | ≤ 3.00x | met |");
    assertThat(table).contains("| | **CarePulse / echo** |").contains("**2.00x** | | | | |");
  }

  @Test
  void aPasswordInTheDatabaseUrlIsNotPrinted() {
    assertThat(SuiteCommand.withoutPassword("postgresql://carepulse:s3cret@db:5432/care?search_path=x"))
        .isEqualTo("postgresql://carepulse:***@db:5432/care?search_path=x");
    assertThat(SuiteCommand.withoutPassword("postgresql://postgres@127.0.0.1:5432/test"))
        .isEqualTo("postgresql://postgres@127.0.0.1:5432/test");
  }

  private static JsonObject step(int calls, double ackP50) {
    JsonObject latency = new JsonObject().put("count", 100L).put("p50", ackP50).put("p90", ackP50 * 2)
        .put("p99", ackP50 * 3).put("p999", ackP50 * 4).put("max", ackP50 * 5);
    return new JsonObject().put("calls", calls).put("sentPerSec", 5_000.0).put("receivedPerSec", 6_000.0)
        .put("ack", latency).put("score", latency.copy()).put("errors", 0L).put("unanswered", 0L).put("notSent", 0L)
        .put("serverCpuCores", 0.5).put("serverRssMb", 300.0).put("generatorCpuCores", 0.3).put("otherCpuCores", 0.1)
        .put("clientGc", new JsonObject().put("maxMs", 5L)).put("targetPerSec", 5_000.0);
  }
}
