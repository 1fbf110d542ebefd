package io.carepulse.app;

import io.carepulse.calibrate.ModelFiles;
import io.carepulse.console.Progress;
import io.carepulse.engine.CoreConfig;
import io.carepulse.replay.Replay;
import io.carepulse.replay.Timeline;
import io.carepulse.wire.FrameReader;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Score recorded calls offline through the same core as the live service.",
        "Reads protocol v1 client frames as JSONL (a call exported by GET /v1/calls/{callId}/frames starts with its",
        "call.context line: the caller history, agent baseline and holdout arm it ran with live);",
        "writes score and prompt messages and one call.summary per call,",
        "or with --pretty a timeline to read: time, speaker, text, score, why it moved, prompts.",
        "Bad lines are reported on stderr with their line number and skipped; exit status 2 if any, else 0."})
public final class ReplayCommand implements Callable<Integer> {

  /** Below this a replay takes well under a second: no progress bar. */
  private static final long PROGRESS_FROM_BYTES = 2L * 1024 * 1024;

  enum Format { json, text }

  @Option(names = "--input", required = true, paramLabel = "FILE|-", description = "replay file, or - for stdin")
  String input;

  @Option(names = "--output", paramLabel = "FILE", description = "write here instead of stdout")
  Path output;

  @Option(names = "--acks", description = "also write the ack for every applied or duplicate frame (JSON only)")
  boolean acks;

  @Option(names = "--format", paramLabel = "json|text", defaultValue = "json",
      description = "json: the server messages, one per line (default); text: the same as --pretty")
  Format format;

  @Option(names = "--pretty", description = "a readable per-call timeline instead of JSON")
  boolean pretty;

  @Option(names = "--model", paramLabel = "ID|FILE", defaultValue = "care-2",
      description = "score model: care-2 (default), care-1 (as it shipped, for calls scored with it), or a model file")
  String model;

  @Override
  public Integer call() throws IOException {
    CoreConfig config;
    try {
      config = ModelFiles.config(model);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("replay: " + e.getMessage());
      return 2;
    }
    boolean text = pretty || format == Format.text;
    long size = "-".equals(input) ? 0 : Files.size(Path.of(input));
    try (Progress progress = size >= PROGRESS_FROM_BYTES ? Progress.of("replay", size, "B") : Progress.none();
         BufferedReader in = new BufferedReader(new Counting(open(), progress));
         PrintWriter out = openOutput()) {
      Replay replay = text
          ? new Replay(config, FrameReader.load(), false, new Timeline(out))
          : new Replay(config, FrameReader.load(), acks);
      replay.onNote(note -> System.err.println(progress.clearLine() + "replay: " + note));
      PrintWriter messages = text ? new PrintWriter(Writer.nullWriter()) : out;
      Replay.Result result = replay.run(in, messages, bad -> System.err.println(progress.clearLine()
          + "line " + bad.lineNumber() + ": " + bad.error().code().wire() + ": " + bad.error().message()));
      out.flush();
      progress.stepTo(size);
      progress.close();
      System.err.printf("replay: %d lines, %d calls, %d bad lines%n", result.lines(), result.calls(),
          result.badLines());
      return result.badLines() > 0 ? 2 : 0;
    }
  }

  private Reader open() throws IOException {
    if ("-".equals(input)) {
      return new InputStreamReader(System.in, StandardCharsets.UTF_8);
    }
    return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
  }

  private PrintWriter openOutput() throws IOException {
    if (output == null) {
      return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    }
    return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), false);
  }

  /** Counts what was read (characters, as good as bytes for JSON) for the progress bar. */
  private static final class Counting extends FilterReader {
    private final Progress progress;
    private long read;

    Counting(Reader in, Progress progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        read += n;
        progress.stepTo(read);
      }
      return n;
    }
  }
}
