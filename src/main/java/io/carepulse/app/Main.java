package io.carepulse.app;

import io.carepulse.calibrate.CalibrateCommand;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the fat jar. Without a subcommand it serves. */
@Command(name = "carepulse", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
    scope = CommandLine.ScopeType.INHERIT,
    description = "Real-time \"I care\" connection score and coaching for live support calls.",
    subcommands = {ServeCommand.class, ReplayCommand.class, TokenCommand.class, CalibrateCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    System.exit(commandLine().execute(effective));
  }

  /** The product's commands, then every {@link Tool} on the class path (simulate, devdata, bench in the jar). */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    ServiceLoader.load(Tool.class).forEach(commandLine::addSubcommand);
    return commandLine;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
