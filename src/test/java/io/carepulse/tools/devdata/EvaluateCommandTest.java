package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.stats.RankStatistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EvaluateCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new DevDataCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void aMissingUssFileFailsWithAClearMessage(@TempDir Path dir) {
    Path missing = dir.resolve("MWOZ.txt");
    int status = run("evaluate", "--uss", missing.toString());
    assertThat(status).isNotZero();
    assertThat(err.toString()).contains("USS file not found").contains(missing.toString());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void printsTheTableForASyntheticCorpus(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("MWOZ.txt");
    Files.writeString(file, UssCorpusTest.SNIPPET);
    int status = run("evaluate", "--uss", file.toString(), "--calls", dir.resolve("none").toString(), "--hvb",
        dir.resolve("none.jsonl").toString());
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("fit split").contains("held-out split")
        .contains("care-1 callScore").contains("care-2 callScore").contains("part ownership")
        .contains("VADER-only customer mean").contains("LCA-style").contains("Spearman");
  }

  @Test
  void heldOutCallsAreMeasuredButNeverTracedOrListed(@TempDir Path dir) throws IOException {
    Path calls = Path.of("src/devdata/calls");
    assertThat(run("evaluate", "--calls", calls.toString(), "--trace", "ho-aut-repair-cold")).isNotZero();
    assertThat(err.toString()).contains("ho-aut-repair-cold is a held-out call");
    assertThat(out.toString()).isEmpty();
    assertThat(run("evaluate", "--calls", calls.toString(), "--trace", "air-bag-cold")).isZero();
    assertThat(out.toString()).contains("acts:").contains("expected take_ownership");

    Path file = dir.resolve("MWOZ.txt");
    Files.writeString(file, UssCorpusTest.SNIPPET);
    out.getBuffer().setLength(0);
    assertThat(run("evaluate", "--uss", file.toString(), "--calls", calls.toString(), "--hvb",
        dir.resolve("none.jsonl").toString(), "--details")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Labelled calls, heldout").contains("held-out calls' misses are not listed")
        .doesNotContain("  ho-");
  }

  @Test
  void agreementCountsGroupsAndUsesHigherIsHappier() {
    double[] scores = {10, 20, 30, 40, 50, 60};
    int[] ratings = {1, 2, 3, 3, 4, 5};
    ScoreAgreement agreement = ScoreAgreement.of("s", scores, ratings, 2, 4);
    assertThat(agreement.unhappy()).isEqualTo(2);
    assertThat(agreement.happy()).isEqualTo(2);
    assertThat(agreement.auroc()).isEqualTo(1.0);
    assertThat(agreement.spearman()).isEqualTo(RankStatistics.spearman(scores, new double[] {1, 2, 3, 3, 4, 5}));
  }
}
