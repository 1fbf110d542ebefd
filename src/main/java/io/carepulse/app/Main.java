package io.carepulse.app;

import io.carepulse.tools.bench.BenchCommand;
import io.carepulse.tools.devdata.DevDataCommand;
import io.carepulse.tools.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the fat jar. Without a subcommand it serves. */
@Command(name = "carepulse", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
    scope = CommandLine.ScopeType.INHERIT,
    description = "Real-time \"I care\" connection score and coaching for live support calls.",
    subcommands = {ServeCommand.class, ReplayCommand.class, TokenCommand.class, SimulateCommand.class,
        DevDataCommand.class, BenchCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    System.exit(commandLine.execute(effective));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
