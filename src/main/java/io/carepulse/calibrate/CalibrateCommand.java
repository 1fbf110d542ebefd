package io.carepulse.calibrate;

import io.carepulse.console.Progress;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.score.ScoreBlend;
import io.carepulse.score.ScoringModel;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: fits care-2's blend to outcomes. Replays the recorded calls through a base model, takes each
 * call's blend features at its end, joins the outcomes (CSAT ≥ 4 happy, ≤ 2 unhappy, 3 left out), fits a
 * ridge-penalised logistic regression with k-fold cross-validation ({@link BlendFit}), prints the fit and the folds,
 * and writes a model file: the base model with the fitted {@code blend.*} and a new id. docs/score-model.md §6.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit the care-2 blend to outcomes (CSAT) and write a model file for serve/replay --model.",
        "calls: PROTOCOL-v1 client frames as JSONL (any number of calls); outcomes: one JSON object a line with",
        "callId and csat (1-5) as the outcomes API stores them (optional: weight)."})
public final class CalibrateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "calls.jsonl", description = "recorded calls (frames)")
  Path input;

  @Option(names = "--outcomes", required = true, paramLabel = "outcomes.jsonl", description = "one outcome a line")
  Path outcomes;

  @Option(names = "--out", required = true, paramLabel = "model.properties", description = "model file to write")
  Path out;

  @Option(names = "--base", defaultValue = "care-2", paramLabel = "ID|FILE",
      description = "model whose understanding layer and settings are kept (default: ${DEFAULT-VALUE})")
  String base;

  @Option(names = "--id", paramLabel = "MODEL_ID", description = "id of the fitted model (default: <base>-fit)")
  String id;

  @Option(names = "--folds", defaultValue = "5", description = "k of k-fold cross-validation (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--behaviour-penalty", paramLabel = "X",
      description = {"ridge penalty multiplier of the five behaviour parts; default: the largest of 1, 3, 10 whose",
          "criterion is within 0.005 of the best (prefer what carries across domains when the data cannot tell)"})
  Double behaviourPenalty;

  /** Behaviour penalties tried when none is given, and how close to the best criterion a stronger one may be. */
  static final double[] BEHAVIOUR_PENALTIES = {1, 3, 10};
  static final double PREFER_WITHIN = 0.005;

  @Override
  public Integer call() throws IOException {
    PrintWriter log = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScoringModel baseModel;
    try {
      baseModel = ModelFiles.named(base);
    } catch (IllegalArgumentException e) {
      err.println("calibrate: " + e.getMessage());
      err.flush();
      return 2;
    }
    if (!baseModel.scorer().equals(ScoringModel.CARE_2)) {
      err.println("calibrate: the base model " + baseModel.id() + " has no fitted blend (model.scorer must be care-2)");
      err.flush();
      return 2;
    }
    Map<String, Outcome> byCall = readOutcomes(outcomes);
    Map<String, List<CallFrame>> calls = readCalls(input, err);
    CoreConfig config = CoreConfig.defaults().withModel(baseModel);
    List<BlendFit.Example> examples = new ArrayList<>();
    int skipped = 0;
    try (Progress scoring = Progress.of("calibrate: scoring", calls.size(), "calls")) {
      for (var entry : calls.entrySet()) {
        scoring.step();
        Outcome outcome = byCall.get(entry.getKey());
        if (outcome == null || outcome.label() < 0) {
          skipped++;
          continue;
        }
        CallEngine engine = new CallEngine(entry.getKey(), config);
        entry.getValue().forEach(engine::apply);
        examples.add(new BlendFit.Example(entry.getKey(), outcome.source(), engine.blendFeatures(), outcome.label(),
            outcome.weight(), outcome.csat()));
      }
    }
    long happy = examples.stream().filter(e -> e.y() == 1).count();
    log.printf(Locale.ROOT, "calibrate: %d calls, %d outcomes; fitting on %d (%d happy, %d unhappy), %d left out"
        + " (no outcome, or CSAT 3)%n", calls.size(), byCall.size(), examples.size(), happy, examples.size() - happy,
        skipped);
    if (happy < folds || examples.size() - happy < folds) {
      err.println("calibrate: too few happy or unhappy calls to fit with " + folds + "-fold cross-validation");
      err.flush();
      return 1;
    }
    BlendFit.Result fit = null;
    if (behaviourPenalty != null) {
      fit = new BlendFit(folds, behaviourPenalty).fit(examples);
    } else {
      BlendFit.Result[] tried = new BlendFit.Result[BEHAVIOUR_PENALTIES.length];
      double best = Double.NEGATIVE_INFINITY;
      try (Progress fitting = Progress.of("calibrate: fitting", tried.length, "fits")) {
        String clear = System.console() != null ? fitting.clearLine() : "";
        for (int i = 0; i < tried.length; i++) {
          tried[i] = new BlendFit(folds, BEHAVIOUR_PENALTIES[i]).fit(examples);
          best = Math.max(best, tried[i].cvAuroc());
          log.printf(Locale.ROOT, "%s  behaviour penalty x%-4s criterion %.3f%n", clear, fmt(BEHAVIOUR_PENALTIES[i]),
              tried[i].cvAuroc());
          log.flush();
          fitting.step();
        }
      }
      for (int i = tried.length - 1; i >= 0 && fit == null; i--) {
        if (tried[i].cvAuroc() >= best - PREFER_WITHIN) {
          fit = tried[i];
          log.printf(Locale.ROOT, "  kept behaviour penalty x%s: the strongest within %.3f of the best criterion%n",
              fmt(BEHAVIOUR_PENALTIES[i]), PREFER_WITHIN);
        }
      }
    }
    print(log, fit);
    Scale scale = Scale.of(fit, examples, baseModel);
    log.printf(Locale.ROOT, "  use the scale: z shifted by %.3f so the priors score 50, stretched x %.3f below and x %.3f"
        + " above, so the fitted calls' 10th percentile scores 15 and their 90th 85, neither side over 2 times the"
        + " other (ranks unchanged)%n",
        -scale.neutral(), scale.below(), scale.above());
    String modelId = id != null ? id : baseModel.id() + "-fit";
    write(baseModel, modelId, fit, scale, examples.size());
    ModelFiles.named(out.toString());
    log.printf(Locale.ROOT, "wrote %s (model.id=%s); load it with serve --model %s or replay --model %s%n", out,
        modelId, out, out);
    log.flush();
    return 0;
  }

  private static void print(PrintWriter log, BlendFit.Result fit) {
    log.printf(Locale.ROOT, "%nfit: ridge logistic, lambda %.3g chosen by cross-validated AUROC; kept: %s%n",
        fit.lambda(), fit.chosen());
    log.printf(Locale.ROOT, "  %-16s %9s %9s %12s%n", "feature", "weight", "penalty", "alone (CV)");
    log.printf(Locale.ROOT, "  %-16s %9.3f%n", "intercept", fit.intercept());
    for (int j = 0; j < ScoreBlend.FEATURES.size(); j++) {
      log.printf(Locale.ROOT, "  %-16s %9.3f %9s %12.3f%n", ScoreBlend.FEATURES.get(j), fit.weights()[j],
          fit.penalty()[j] >= 1e5 ? "off" : fit.penalty()[j] > 1 ? "x" + (int) BlendFit.SHRINK : "x1",
          fit.singleCvAuroc()[j]);
    }
    log.printf(Locale.ROOT, "%n  %-5s %5s %8s %6s %7s %9s%n", "fold", "n", "unhappy", "happy", "AUROC", "Spearman");
    for (BlendFit.Fold fold : fit.folds()) {
      log.printf(Locale.ROOT, "  %-5d %5d %8d %6d %7.3f %9.3f%n", fold.fold(), fold.n(), fold.unhappy(), fold.happy(),
          fold.auroc(), fold.spearman());
    }
    double bestSingle = java.util.Arrays.stream(fit.singleCvAuroc()).max().orElse(Double.NaN);
    log.printf(Locale.ROOT, "  criterion %.3f (best single feature %.3f); AUROC on the fitted data %.3f%n",
        fit.cvAuroc(), bestSingle, fit.trainAuroc());
    log.println("  fold AUROC and Spearman are within each source, averaged; the criterion averages them with the AUROC"
        + " on each source left out of the fit");
    fit.groupIntercepts().forEach((group, value) -> log.printf(Locale.ROOT, "  source %-16s intercept %7.3f%s%n",
        group, value, fit.leaveGroupOut().containsKey(group) ? String.format(Locale.ROOT,
            "   AUROC when left out of the fit %.3f", fit.leaveGroupOut().get(group)) : ""));
    log.printf(Locale.ROOT, "  shipped intercept: the sources' intercepts averaged by weight, %.3f%n", fit.intercept());
  }

  /**
   * The logistic fit's probabilities crowd the middle when the penalty is strong, and its z = 0 lies wherever the
   * outcomes' base rate puts it; for a supervisor a call with no evidence must read 50 and the score must use its
   * range. So z is shifted to 0 at the base model's priors and stretched on each side of it, not re-ranked: the
   * fitted calls' 10th percentile scores 15 and their 90th 85 (one stretch for both sides when the priors lie outside
   * that range). Neither side is stretched more than {@link #MAX_RATIO} times the other: when the priors sit near one
   * end of the calls (most rated calls go better than a call with no evidence), a steeper side would throw a live
   * score to 0 on one bad turn and tie the calls it saturates.
   */
  record Scale(double neutral, double below, double above) {
    static final double TARGET = Math.log(85.0 / 15.0);
    static final double MAX_RATIO = 2;

    static Scale of(BlendFit.Result fit, List<BlendFit.Example> examples, ScoringModel base) {
      double[] z = examples.stream().mapToDouble(e -> z(fit, e.x())).sorted().toArray();
      double low = z[(int) Math.floor(0.1 * (z.length - 1))];
      double high = z[(int) Math.ceil(0.9 * (z.length - 1))];
      double neutral = z(fit, ScoreBlend.neutral(base));
      double both = high - low > 1e-9 ? 2 * TARGET / (high - low) : 1;
      if (neutral - low < 1e-6 || high - neutral < 1e-6) {
        return new Scale(neutral, Math.min(both, 50), Math.min(both, 50));
      }
      double below = TARGET / (neutral - low);
      double above = TARGET / (high - neutral);
      below = Math.min(below, MAX_RATIO * above);
      above = Math.min(above, MAX_RATIO * below);
      return new Scale(neutral, Math.min(below, 50), Math.min(above, 50));
    }

    private static double z(BlendFit.Result fit, double[] x) {
      double sum = fit.intercept();
      for (int j = 0; j < x.length; j++) {
        sum += fit.weights()[j] * x[j];
      }
      return sum;
    }
  }

  private void write(ScoringModel baseModel, String modelId, BlendFit.Result fit, Scale scale, int n)
      throws IOException {
    List<String> lines = new ArrayList<>();
    // A base given as a file is rewritten from that file, whatever its model.id says (a file may call itself care-2).
    boolean file = Files.isRegularFile(Path.of(base));
    String resource = !file && baseModel.id().equals(ScoringModel.CARE_2) ? ScoringModel.STANDARD_RESOURCE : null;
    List<String> baseLines = resource != null ? readResource(resource) : Files.readAllLines(Path.of(base));
    lines.add("# Fitted by calibrate from " + baseModel.id() + " on " + n + " calls with outcomes; lambda "
        + fmt(fit.lambda()) + ", criterion " + fmt(fit.cvAuroc()) + "; z = 0 at the priors, stretched x"
        + fmt(scale.below()) + " below and x" + fmt(scale.above()) + " above to use the scale.");
    for (String line : baseLines) {
      if (line.startsWith("# Fitted by calibrate")) {
        continue;
      }
      String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).strip() : "";
      if (key.equals("model.id")) {
        lines.add("model.id=" + modelId);
      } else if (key.equals("blend.intercept")) {
        lines.add("blend.intercept=" + fmt(fit.intercept() - scale.neutral()));
        lines.add("blend.scaleBelow=" + fmt(scale.below()));
        lines.add("blend.scaleAbove=" + fmt(scale.above()));
      } else if (key.equals("blend.scaleBelow") || key.equals("blend.scaleAbove")) {
        continue;
      } else if (key.startsWith("blend.call.")) {
        // One fit, written as blend.*: the call score then shares the fitted weights (a base's own call blend goes).
        continue;
      } else if (key.startsWith("blend.")) {
        lines.add(key + "=" + fmt(fit.weights()[ScoreBlend.FEATURES.indexOf(key.substring(6))]));
      } else {
        lines.add(line);
      }
    }
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        writer.write(line);
        writer.write('\n');
      }
    }
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static List<String> readResource(String resource) throws IOException {
    try (var in = CalibrateCommand.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** An outcome as the outcomes API stores it; label 1 happy (CSAT ≥ 4), 0 unhappy (≤ 2), −1 not used. */
  record Outcome(double csat, double weight, String source) {
    int label() {
      return csat >= 4 ? 1 : csat <= 2 && csat >= 1 ? 0 : -1;
    }
  }

  static Map<String, Outcome> readOutcomes(Path file) throws IOException {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject json = new JsonObject(line);
      Number csat = json.getNumber("csat");
      if (json.getString("callId") != null && csat != null) {
        // The latest outcome of a call is its current one (a corrected survey), as in the outcomes API.
        outcomes.put(json.getString("callId"), new Outcome(csat.doubleValue(),
            json.getNumber("weight", 1.0).doubleValue(), json.getString("source", "outcomes")));
      }
    }
    return outcomes;
  }

  static Map<String, List<CallFrame>> readCalls(Path file, PrintWriter err) throws IOException {
    FrameReader reader = FrameReader.load();
    Map<String, List<CallFrame>> calls = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        FrameRead read = reader.read(line);
        if (read instanceof FrameRead.Accepted accepted && accepted.frame() instanceof CallFrame frame) {
          calls.computeIfAbsent(frame.callId(), k -> new ArrayList<>()).add(frame);
        } else if (read instanceof FrameRead.Refused refused) {
          err.println("calibrate: " + file + " line " + number + ": " + refused.error().message() + " (skipped)");
        }
      }
    }
    for (List<CallFrame> frames : calls.values()) {
      frames.sort(java.util.Comparator.comparingLong(CallFrame::seq));
    }
    return calls;
  }
}
