package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.acts.Act;
import io.carepulse.acts.ActModel;
import io.carepulse.acts.ActModelFile;
import io.carepulse.protocol.Speaker;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TrainActsCommandTest {

  @TempDir
  Path dir;

  private static Path fixture() throws URISyntaxException {
    return Path.of(TrainActsCommandTest.class.getResource("/acts-fixture/train/banking.tsv").toURI())
        .getParent().getParent();
  }

  private static int devdata(String... args) {
    CommandLine cli = new CommandLine(new DevDataCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void trainingTwiceOnTheSameFilesWritesTheSameModelByteForByte() throws Exception {
    Path first = dir.resolve("first.model");
    Path second = dir.resolve("second.model");
    assertThat(devdata("train-acts", "--data", fixture().toString(), "--out", first.toString(), "--folds", "3"))
        .isZero();
    assertThat(devdata("train-acts", "--data", fixture().toString(), "--out", second.toString(), "--folds", "3"))
        .isZero();
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
  }

  @Test
  void theModelLearnsTheTrainingActsAndRoundTripsThroughItsFile() throws Exception {
    Path file = dir.resolve("fixture.model");
    assertThat(devdata("train-acts", "--data", fixture().toString(), "--out", file.toString(), "--folds", "3"))
        .isZero();
    ActModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = ActModel.load(in);
    }
    assertThat(Files.readString(file)).startsWith(ActModelFile.FORMAT + " " + ActModelFile.VERSION + "\n");
    assertThat(model.classify(Speaker.AGENT, "That's a different department, you'll have to call them.")
        .has(Act.DEFLECTION)).isTrue();
    assertThat(model.classify(Speaker.CUSTOMER, "This is the third time I've called about this.")
        .has(Act.REPEAT_CONTACT)).isTrue();
    StringWriter again = new StringWriter();
    ActModelFile.write(model, List.of(), again);
    try (InputStream in = new java.io.ByteArrayInputStream(again.toString().getBytes(
        java.nio.charset.StandardCharsets.UTF_8))) {
      ActModel reread = ActModel.load(in);
      for (Speaker speaker : Speaker.values()) {
        assertThat(reread.weights(speaker)).isEqualTo(model.weights(speaker));
      }
    }
  }

  @Test
  void trainingNeverReadsTheHeldOutFiles() throws Exception {
    // the fixture's heldout/ holds a file that is not valid: reading it would fail the command
    assertThat(devdata("train-acts", "--data", fixture().toString(), "--out", dir.resolve("m").toString(),
        "--folds", "3")).isZero();
    assertThat(devdata("evaluate-acts", "--data", fixture().toString(), "--model", dir.resolve("m").toString(),
        "--no-cv")).isEqualTo(1);
  }
}
