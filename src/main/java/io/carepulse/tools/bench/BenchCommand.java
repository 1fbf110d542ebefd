package io.carepulse.tools.bench;

import io.carepulse.app.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench}: the performance harness — a load generator, a bare baseline server, and the standard suite. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Load generator, bare Vert.x baseline and the standard performance suite (docs/performance.md).",
    subcommands = {SuiteCommand.class, LoadCommand.class, EchoCommand.class, HogCommand.class,
        SoakCommand.class})
public final class BenchCommand implements Runnable, Tool {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
