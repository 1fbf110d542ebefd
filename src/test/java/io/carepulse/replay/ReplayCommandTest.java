package io.carepulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.app.Main;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayCommandTest {

  @TempDir
  Path dir;

  @Test
  void twoRunsOverTheSameInputWriteIdenticalOutput() throws IOException {
    Path input = interleavedCalls();
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");
    assertThat(replay("--input", input.toString(), "--output", first.toString()).exitCode).isZero();
    assertThat(replay("--input", input.toString(), "--output", second.toString()).exitCode).isZero();
    assertThat(Files.readString(first)).isNotEmpty().isEqualTo(Files.readString(second));
  }

  @Test
  void interleavedCallsAreScoredSeparatelyWithOneSummaryEach() throws IOException {
    Path output = dir.resolve("out.jsonl");
    replay("--input", interleavedCalls().toString(), "--output", output.toString());
    List<JsonObject> summaries = messages(output).stream()
        .filter(m -> m.getString("type").equals("call.summary")).toList();
    assertThat(summaries).extracting(m -> m.getString("callId"))
        .containsExactlyInAnyOrder("sc-angry-acknowledged-recovers", "sc-deflects-twice");
    JsonObject angry = summaries.stream().filter(m -> m.getString("callId").contains("angry")).findFirst().get();
    assertThat(angry.getJsonArray("prompts").getList()).contains("positive_recovery");
    assertThat(angry.getString("model")).isEqualTo("care-2");
  }

  @Test
  void malformedLinesAreReportedWithLineNumbersSkippedAndExitTwo() throws IOException {
    List<String> lines = new ArrayList<>(scenarioLines("deflects-twice"));
    lines.add(2, "{not json");
    lines.add(4, "{\"type\":\"utterance\",\"callId\":\"sc-deflects-twice\",\"seq\":99,\"ts\":1,\"speaker\":\"robot\","
        + "\"text\":\"hi\",\"final\":true}");
    Path input = dir.resolve("bad.jsonl");
    Files.write(input, lines);
    Path output = dir.resolve("out.jsonl");

    Run run = replay("--input", input.toString(), "--output", output.toString());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.stderr).contains("line 3: bad_json").contains("line 5: invalid").contains("speaker");
    assertThat(messages(output)).anyMatch(m -> m.getString("type").equals("call.summary"));
  }

  @Test
  void aGapInTheSequenceIsReportedAndTheFrameRefused() throws IOException {
    List<String> lines = new ArrayList<>(scenarioLines("deflects-twice"));
    lines.remove(3);
    Path input = dir.resolve("gap.jsonl");
    Files.write(input, lines);
    Path output = dir.resolve("out.jsonl");

    Run run = replay("--input", input.toString(), "--output", output.toString());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.stderr).contains("seq_gap");
    assertThat(messages(output)).anyMatch(m -> "seq_gap".equals(m.getString("code")) && m.getLong("expectedSeq") == 4);
  }

  @Test
  void duplicatesAreNotAppliedTwiceAndAreNotErrors() throws IOException {
    List<String> lines = new ArrayList<>(scenarioLines("deflects-twice"));
    Path clean = dir.resolve("clean.jsonl");
    Files.write(clean, lines);
    lines.add(4, lines.get(3));
    lines.add(6, lines.get(2));
    Path withDuplicates = dir.resolve("dup.jsonl");
    Files.write(withDuplicates, lines);

    Run cleanRun = replay("--input", clean.toString(), "--output", dir.resolve("a.jsonl").toString());
    Run dupRun = replay("--input", withDuplicates.toString(), "--output", dir.resolve("b.jsonl").toString());

    assertThat(dupRun.exitCode).isZero();
    assertThat(Files.readString(dir.resolve("b.jsonl"))).isEqualTo(Files.readString(dir.resolve("a.jsonl")));
    assertThat(cleanRun.exitCode).isZero();
  }

  @Test
  void pretty_aTimelineToRead_timeSpeakerTextScoreReasonPrompt() throws IOException {
    Path input = dir.resolve("angry.jsonl");
    Files.write(input, scenarioLines("angry-acknowledged-recovers"));
    Path output = dir.resolve("timeline.txt");

    assertThat(replay("--input", input.toString(), "--output", output.toString(), "--pretty").exitCode).isZero();

    String timeline = Files.readString(output);
    assertThat(timeline).startsWith("call sc-angry-acknowledged-recovers · customer Maria Lopez · team team-a\n")
        .contains("time  who       said or did")
        .containsPattern("0:09  customer  This is ridiculous! It's the third time I've called and you +\\d+ ▼")
        .contains("empathy: ")
        .contains("PROMPT    positive_recovery: ")
        .contains("[call ends: completed]")
        .containsPattern("end: score \\d+, call score \\d+, lowest \\d+; prompts: .*positive_recovery");
    assertThat(timeline).doesNotContain("{\"type\"");
    Path again = dir.resolve("again.txt");
    replay("--input", input.toString(), "--output", again.toString(), "--format", "text");
    assertThat(Files.readString(again)).isEqualTo(timeline);
  }

  private Path interleavedCalls() throws IOException {
    List<String> a = scenarioLines("angry-acknowledged-recovers");
    List<String> b = scenarioLines("deflects-twice");
    List<String> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size()) {
        mixed.add(a.get(i));
      }
      if (i < b.size()) {
        mixed.add(b.get(i));
      }
    }
    Path input = dir.resolve("mixed.jsonl");
    Files.write(input, mixed);
    return input;
  }

  private static List<String> scenarioLines(String name) throws IOException {
    try (InputStream in = ReplayCommandTest.class.getResourceAsStream("/scenarios/" + name + ".jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static List<JsonObject> messages(Path output) throws IOException {
    return Files.readAllLines(output).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  private record Run(int exitCode, String stderr) {
  }

  private static Run replay(String... args) {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] full = new String[args.length + 1];
      full[0] = "replay";
      System.arraycopy(args, 0, full, 1, args.length);
      int code = new CommandLine(new Main()).execute(full);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }
}
