package io.carepulse.app;

import io.carepulse.engine.CoreConfig;
import io.carepulse.replay.Replay;
import io.carepulse.wire.FrameReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Score recorded calls offline through the same core as the live service.",
        "Reads PROTOCOL-v1 client frames as JSONL; writes score and prompt messages and one call.summary per call.",
        "Bad lines are reported on stderr with their line number and skipped; exit status 2 if any, else 0."})
public final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE|-", description = "replay file, or - for stdin")
  String input;

  @Option(names = "--output", paramLabel = "FILE", description = "write here instead of stdout")
  Path output;

  @Option(names = "--acks", description = "also write the ack for every applied or duplicate frame")
  boolean acks;

  @Override
  public Integer call() throws IOException {
    Replay replay = new Replay(CoreConfig.defaults(), FrameReader.load(), acks);
    try (BufferedReader in = open(); PrintWriter out = openOutput()) {
      Replay.Result result = replay.run(in, out, bad -> System.err.println(
          "line " + bad.lineNumber() + ": " + bad.error().code().wire() + ": " + bad.error().message()));
      System.err.printf("replay: %d lines, %d calls, %d bad lines%n", result.lines(), result.calls(),
          result.badLines());
      return result.badLines() > 0 ? 2 : 0;
    }
  }

  private BufferedReader open() throws IOException {
    if ("-".equals(input)) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
  }

  private PrintWriter openOutput() throws IOException {
    if (output == null) {
      return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    }
    return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), false);
  }
}
