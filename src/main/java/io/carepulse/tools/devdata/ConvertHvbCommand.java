package io.carepulse.tools.devdata;

import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.ClientFrameJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code devdata convert-hvb}: one replay file per HVB call, an {@code index.txt} listing them (the classpath cannot
 * be listed inside a jar), the corpus LICENSE and a NOTICE saying where the files came from and that they were
 * converted (Apache-2.0 §4).
 */
@Command(name = "convert-hvb", mixinStandardHelpOptions = true,
    description = "Convert the Harper Valley Bank sample (calls.jsonl) into protocol v1 replay files, one per call.")
public final class ConvertHvbCommand implements Callable<Integer> {

  public static final String INDEX = "index.txt";

  @Option(names = "--input", description = "HVB calls.jsonl (default: ${DEFAULT-VALUE})",
      defaultValue = "../shared/data/hvb/calls.jsonl")
  Path input;

  @Option(names = "--output", required = true, description = "Directory for the replay files (created if missing).")
  Path output;

  @Option(names = "--with-emotion",
      description = "Also send the corpus's emotion estimate of each customer segment as an `emotion` frame.")
  boolean withEmotion;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(input)) {
      System.err.println("devdata convert-hvb: no HVB sample at " + input.toAbsolutePath()
          + " (pass --input ../shared/data/hvb/calls.jsonl)");
      return 1;
    }
    List<HvbCall> calls = HvbSample.read(input);
    Files.createDirectories(output);
    HvbReplay replay = new HvbReplay(withEmotion);
    List<String> names = new ArrayList<>();
    int frameCount = 0;
    for (HvbCall call : calls) {
      List<CallFrame> frames = replay.frames(call);
      StringBuilder lines = new StringBuilder();
      for (CallFrame frame : frames) {
        lines.append(ClientFrameJson.encode(frame).encode()).append('\n');
      }
      String name = call.sid() + ".jsonl";
      Files.writeString(output.resolve(name), lines, StandardCharsets.UTF_8);
      names.add(name);
      frameCount += frames.size();
    }
    Files.writeString(output.resolve(INDEX), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
    Path license = input.toAbsolutePath().getParent().resolve("LICENSE");
    if (Files.isRegularFile(license)) {
      Files.copy(license, output.resolve("LICENSE"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(output.resolve("NOTICE"), HvbNotice.text(withEmotion), StandardCharsets.UTF_8);
    System.out.printf("converted %d calls (%d frames) into %s%n", calls.size(), frameCount, output);
    return 0;
  }
}
