package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.acts.ActModel;
import io.carepulse.acts.ActModelFile;
import io.carepulse.acts.FeatureSet;
import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devdata train-acts}: fits the dialogue-act model on {@code DATA/train/*.tsv} (never the held-out files)
 * and writes the model resource. The same data and settings always give the same file.
 */
@Command(name = "train-acts", mixinStandardHelpOptions = true,
    description = "Train the dialogue-act classifiers on the training utterances and write the model file.")
public final class TrainActsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "src/devdata/acts",
      description = "Labelled utterances; only DIR/train is read (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "src/main/resources/model/acts-1.model",
      description = "Model file to write (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--id", defaultValue = "acts-1", description = "Model id (default: ${DEFAULT-VALUE})")
  String id;

  @Option(names = "--features", paramLabel = "SPEC", defaultValue = "words=2 chars=0 length=true",
      description = "Feature set, e.g. 'words=2 chars=3-5 length=true' (default: ${DEFAULT-VALUE})")
  String features;

  @Option(names = "--min-count", defaultValue = "2",
      description = "Keep n-grams seen in at least this many training utterances (default: ${DEFAULT-VALUE})")
  int minCount;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE})")
  int folds;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    List<ActExample> examples;
    try {
      examples = ActCorpus.read(data.resolve("train"));
    } catch (IllegalArgumentException e) {
      err.println("devdata train-acts: " + e.getMessage());
      err.flush();
      return 1;
    }
    ActTrainer.Settings settings = new ActTrainer.Settings(id, FeatureSet.parse(features), minCount,
        ActTrainer.Settings.defaults().lambdas(), folds);
    stdout.println("Training " + id + " on " + examples.size() + " utterances of " + data.resolve("train") + " ("
        + settings.describe() + ")");
    stdout.flush();
    ActTrainer.Trained trained = new ActTrainer(settings, line -> {
      stdout.println(line);
      stdout.flush();
    }).train(examples);
    printCrossValidation(stdout, trained);
    List<String> comments = provenance(examples, settings, trained);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      ActModelFile.write(trained.model(), comments, writer);
    }
    ActModel shipped;
    try (var in = Files.newInputStream(out)) {
      shipped = ActModel.load(in);
    }
    stdout.printf(Locale.ROOT, "Wrote %s (%,d bytes, %d + %d feature rows) in %.1f s of training%n", out,
        Files.size(out), shipped.weights(Speaker.AGENT).keys().length,
        shipped.weights(Speaker.CUSTOMER).keys().length, trained.millis() / 1000.0);
    stdout.flush();
    return 0;
  }

  static void printCrossValidation(PrintWriter out, ActTrainer.Trained trained) {
    for (ActTrainer.CrossValidation cv : trained.folds()) {
      out.printf(Locale.ROOT, "%nCross-validation on train, %s acts (out-of-fold, folds by industry, lambda %.0e):%n",
          cv.speaker().wire(), cv.lambda());
      Map<String, ActTally> columns = new LinkedHashMap<>();
      columns.put("cv clean", cv.clean());
      columns.put("cv asr", cv.asr());
      columns.put("cv all", cv.all());
      ActTally.print(out, List.of(Act.of(cv.speaker())), columns);
    }
  }

  private static List<String> provenance(List<ActExample> examples, ActTrainer.Settings settings,
      ActTrainer.Trained trained) {
    Map<String, Integer> files = new TreeMap<>();
    for (ActExample e : examples) {
      files.merge(e.file(), 1, Integer::sum);
    }
    List<String> lines = new ArrayList<>();
    lines.add("Trained by: devdata train-acts --data src/devdata/acts (train/ only).");
    StringBuilder data = new StringBuilder("Training data: " + examples.size() + " utterances:");
    files.forEach((file, n) -> data.append(' ').append(file).append('=').append(n));
    lines.add(data.toString());
    lines.add("Settings: " + settings.describe() + ".");
    for (ActTrainer.CrossValidation cv : trained.folds()) {
      List<Act> acts = List.of(Act.of(cv.speaker()));
      lines.add(String.format(Locale.ROOT, "Cross-validated %s: lambda %.0e, out-of-fold macro-F1 %.3f (clean %.3f,"
          + " asr %.3f).", cv.speaker().wire(), cv.lambda(), cv.all().macroF1(acts), cv.clean().macroF1(acts),
          cv.asr().macroF1(acts)));
    }
    return lines;
  }
}
