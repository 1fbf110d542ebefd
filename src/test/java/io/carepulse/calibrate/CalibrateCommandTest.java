package io.carepulse.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.carepulse.score.ScoreBlend;
import io.carepulse.score.ScoringModel;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A tenant fits its own blend from the CSAT it posted: calibrate writes a model file that replay and serve load. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CalibrateCommandTest {

  private static final List<String> HAPPY = List.of("angry-acknowledged-recovers", "calm-good-call", "uses-name",
      "next-step-given", "bad-news-with-alternative", "hold-with-check-in");
  private static final List<String> UNHAPPY = List.of("deflects-twice", "prompt-storm", "missed-acknowledgement",
      "stock-empathy-no-action", "bad-news-no-alternative", "long-hold");

  @TempDir
  Path dir;

  @Test
  void fitsTheBlendWithFoldsAndWritesAModelFileThatLoads() throws IOException {
    Path calls = dir.resolve("calls.jsonl");
    Path outcomes = dir.resolve("outcomes.jsonl");
    List<String> frames = new ArrayList<>();
    List<String> surveys = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      for (String name : concat()) {
        String callId = "t" + copy + "-" + name;
        for (String line : scenario(name)) {
          JsonObject frame = new JsonObject(line);
          frames.add(frame.put("callId", callId).encode());
        }
        surveys.add(new JsonObject().put("outcomeId", "o-" + callId).put("callId", callId)
            .put("csat", HAPPY.contains(name) ? 5 : 1).put("source", "post-call-survey").encode());
      }
    }
    Files.write(calls, frames);
    Files.write(outcomes, surveys);
    Path model = dir.resolve("model.properties");
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new CalibrateCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(out));
    int status = command.execute("--input", calls.toString(), "--outcomes", outcomes.toString(), "--out",
        model.toString(), "--id", "tenant-a-1", "--folds", "3");
    assertThat(status).as(out.toString()).isZero();
    assertThat(out.toString()).contains("fitting on 24 (12 happy, 12 unhappy)").contains("fold").contains("AUROC")
        .contains("Spearman").contains("intercept");
    ScoringModel fitted = ModelFiles.named(model.toString());
    assertThat(fitted.id()).isEqualTo("tenant-a-1");
    assertThat(fitted.scorer()).isEqualTo(ScoringModel.CARE_2);
    ScoreBlend blend = ScoreBlend.of(fitted);
    assertThat(blend.score(ScoreBlend.neutral(fitted))).as("a call with no evidence yet").isCloseTo(50, within(0.5));
    assertThat(blend.scaleBelow()).isLessThanOrEqualTo(2 * blend.scaleAbove() + 1e-6);
    assertThat(blend.scaleAbove()).isLessThanOrEqualTo(2 * blend.scaleBelow() + 1e-6);
    assertThat(Files.readString(model)).as("one fit: the base's own call-score weights are not kept beside it")
        .doesNotContain("blend.call.");
    ScoreBlend callBlend = ScoreBlend.wholeCall(fitted);
    for (int i = 0; i < ScoreBlend.FEATURES.size(); i++) {
      assertThat(callBlend.weight(i)).as(ScoreBlend.FEATURES.get(i)).isEqualTo(blend.weight(i));
    }
  }

  @Test
  void theShippedCare2StartsACallAtFifty_liveAndWholeCall() {
    ScoringModel care2 = ScoringModel.standard();
    assertThat(ScoreBlend.of(care2).score(ScoreBlend.neutral(care2))).isCloseTo(50, within(0.5));
    assertThat(ScoreBlend.wholeCall(care2).score(ScoreBlend.neutral(care2))).isCloseTo(50, within(0.5));
  }

  @Test
  void aModelFileWithABrokenBlendIsRefusedAtStart() throws IOException {
    Path broken = dir.resolve("broken.properties");
    String care2;
    try (InputStream in = ScoringModel.class.getResourceAsStream(ScoringModel.STANDARD_RESOURCE)) {
      care2 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(broken, care2.replaceAll("(?m)^blend\\.ownership=.*$", "blend.ownership=lots"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFiles.named(broken.toString()))
        .hasMessageContaining("blend.ownership");
  }

  private static List<String> concat() {
    List<String> all = new ArrayList<>(HAPPY);
    all.addAll(UNHAPPY);
    return all;
  }

  private static List<String> scenario(String name) throws IOException {
    try (InputStream in = CalibrateCommandTest.class.getResourceAsStream("/scenarios/" + name + ".jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
