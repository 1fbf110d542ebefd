package io.carepulse.tools.devdata;

import io.carepulse.app.Progress;
import io.carepulse.engine.CoreConfig;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devdata evaluate}: the USS MultiWOZ figures. The data is read from ../shared at run time and never copied:
 * its licence allows research use only.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Score the USS MultiWOZ dialogues and compare with their satisfaction ratings (AUROC, Spearman).")
public final class EvaluateCommand implements Callable<Integer> {

  public static final String PATH_ENV = "CAREPULSE_USS_MWOZ";

  @Spec
  CommandSpec spec;

  @Option(names = "--uss", paramLabel = "MWOZ.txt",
      description = "USS MultiWOZ file (default: $" + PATH_ENV + " or ${DEFAULT-VALUE})",
      defaultValue = "${env:" + PATH_ENV + ":-../shared/data/uss/MWOZ.txt}")
  Path uss;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(uss)) {
      err.println("devdata evaluate: USS file not found: " + uss.toAbsolutePath());
      err.println("  It is read from ../shared/data/uss/MWOZ.txt (run from the repository root), --uss PATH or $"
          + PATH_ENV + "; it is never copied into the project.");
      err.flush();
      return 1;
    }
    List<UssDialogue> dialogues;
    try {
      dialogues = UssCorpus.read(uss);
    } catch (IllegalArgumentException e) {
      err.println("devdata evaluate: " + uss + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    SatisfactionEvaluation.Report report;
    try (Progress progress = Progress.of("evaluate", dialogues.size(), "dialogues")) {
      report = new SatisfactionEvaluation(CoreConfig.defaults(), baseline()).evaluate(dialogues, progress::step);
    }
    report.print(spec.commandLine().getOut());
    return 0;
  }

  /** The data README's reference baseline: plain VADER, without CarePulse's contact-centre phrases. */
  private static CustomerSentiment baseline() {
    SentimentAnalyzer vader = SentimentAnalyzer.vaderOnly();
    return text -> vader.analyze(text).compound();
  }
}
