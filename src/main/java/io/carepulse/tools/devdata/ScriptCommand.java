package io.carepulse.tools.devdata;

import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.ClientFrameJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code devdata script}: call scripts to replay files, one {@code <name>.jsonl} per {@code <name>.call}, and an
 * {@code index.txt} listing them (what {@code simulate} reads for bundled calls). Exit 2 when a script is invalid.
 */
@Command(name = "script", mixinStandardHelpOptions = true,
    description = "Convert call scripts (*.call, src/devdata/README.md) into PROTOCOL-v1 replay files.")
public final class ScriptCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Call scripts, or directories of *.call files.")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the replay files.")
  Path out;

  @Option(names = "--audio", description = "Also send an acoustic window each second, as a softphone plugin does "
      + "(voiced while someone speaks, silence in pauses and holds).")
  boolean audio;

  @Option(names = "--team", paramLabel = "ID", description = "teamId for scripts whose header names none.")
  String team;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    List<Path> files;
    List<CallScript> scripts = new ArrayList<>();
    try {
      files = scriptFiles(inputs);
      for (Path file : files) {
        scripts.add(CallScriptParser.parse(file));
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("devdata script: " + e.getMessage());
      err.flush();
      return 2;
    }
    try {
      Files.createDirectories(out);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        CallScript script = scripts.get(i);
        CallScriptFrames.Options options = CallScriptFrames.Options.defaults().withAudio(audio)
            .withTeam(script.team().isPresent() ? null : team);
        List<CallFrame> frames = CallScriptFrames.frames(script, options);
        String name = files.get(i).getFileName().toString().replaceFirst("\\.call$", "") + ".jsonl";
        Files.writeString(out.resolve(name), jsonl(frames), StandardCharsets.UTF_8);
        names.add(name);
        stdout.printf(Locale.ROOT, "%s -> %s: %d lines said, %d events, %d frames, %s long%n", files.get(i),
            out.resolve(name), script.said().size(), script.events().size(), frames.size(), clock(script.endMs()));
      }
      Files.writeString(out.resolve(ConvertHvbCommand.INDEX), String.join("\n", names.stream().sorted().toList())
          + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("devdata script: cannot write " + out + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    stdout.flush();
    return 0;
  }

  /** One frame a line, in the stable field order of {@link ClientFrameJson}. */
  public static String jsonl(List<CallFrame> frames) {
    StringBuilder lines = new StringBuilder();
    for (CallFrame frame : frames) {
      lines.append(ClientFrameJson.encode(frame).encode()).append('\n');
    }
    return lines.toString();
  }

  private static List<Path> scriptFiles(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> listing = Files.list(input)) {
          files.addAll(listing.filter(f -> f.getFileName().toString().endsWith(".call")).sorted().toList());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + input, e);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new IllegalArgumentException("no call script or directory at " + input);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no *.call files in " + inputs);
    }
    return files;
  }

  private static String clock(long ms) {
    long seconds = Math.round(ms / 1000.0);
    return seconds / 60 + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
  }
}
