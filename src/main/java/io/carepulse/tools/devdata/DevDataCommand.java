package io.carepulse.tools.devdata;

import io.carepulse.app.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code devdata}: converts and evaluates against the development data in ../shared/data (docs/devdata.md). */
@Command(name = "devdata", mixinStandardHelpOptions = true,
    description = "Convert the development data and call scripts to replay files and measure the score against them.",
    subcommands = {ConvertHvbCommand.class, ScriptCommand.class, EvaluateCommand.class, EvaluateHvbCommand.class,
        TrainActsCommand.class, EvaluateActsCommand.class, ExportFitCommand.class})
public final class DevDataCommand implements Runnable, Tool {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: convert-hvb, script, evaluate, "
        + "evaluate-hvb, train-acts, evaluate-acts or export-fit");
  }
}
