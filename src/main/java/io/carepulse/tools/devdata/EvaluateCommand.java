package io.carepulse.tools.devdata;

import io.carepulse.calibrate.ModelFiles;
import io.carepulse.console.Progress;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.score.ScoreBlend;
import io.carepulse.score.ScoringModel;
import io.carepulse.stats.Interval;
import io.carepulse.stats.RankStatistics;
import java.io.PrintWriter;
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
 * {@code devdata evaluate}: care-1, care-2, care-2's parts and the text baselines side by side, on USS MultiWOZ
 * (care-2's fit split and its fixed held-out split, separately), on the labelled calls (dev and held-out,
 * separately) and on the HVB caller ratings. USS is read from ../shared at run time and never copied.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Score USS MultiWOZ, the labelled calls and the HVB sample with care-1 and care-2 and compare.")
public final class EvaluateCommand implements Callable<Integer> {

  public static final String PATH_ENV = "CAREPULSE_USS_MWOZ";

  @Spec
  CommandSpec spec;

  @Option(names = "--uss", paramLabel = "MWOZ.txt",
      description = "USS MultiWOZ file (default: $" + PATH_ENV + " or ${DEFAULT-VALUE})",
      defaultValue = "${env:" + PATH_ENV + ":-../shared/data/uss/MWOZ.txt}")
  Path uss;

  @Option(names = "--calls", paramLabel = "DIR", defaultValue = "src/devdata/calls",
      description = "labelled call scripts, with dev/ and heldout/ (default: ${DEFAULT-VALUE}); skipped if absent")
  Path calls;

  @Option(names = "--hvb", paramLabel = "FILE", defaultValue = "../shared/data/hvb/calls.jsonl",
      description = "HVB sample (default: ${DEFAULT-VALUE}); skipped if absent")
  Path hvb;

  @Option(names = "--model", paramLabel = "ID|FILE", defaultValue = "care-2",
      description = "the care-2 model to measure: a shipped id or a model file (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--details", description = "also list every dev call's missed ordering, band and prompt")
  boolean details;

  @Option(names = "--trace", paramLabel = "CALL_ID", description = "print one dev call turn by turn and stop")
  String trace;

  @Override
  public Integer call() {
    if (trace != null) {
      return trace(spec.commandLine().getOut());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(uss)) {
      err.println("devdata evaluate: USS file not found: " + uss.toAbsolutePath());
      err.println("  It is read from ../shared/data/uss/MWOZ.txt (run from the repository root), --uss PATH or $"
          + PATH_ENV + "; it is never copied into the project.");
      err.flush();
      return 1;
    }
    List<UssDialogue> dialogues;
    CoreConfig care2;
    try {
      dialogues = UssCorpus.read(uss);
      care2 = ModelFiles.config(model);
    } catch (IllegalArgumentException e) {
      err.println("devdata evaluate: " + e.getMessage());
      err.flush();
      return 1;
    }
    CoreConfig care1 = CoreConfig.forModel(ScoringModel.CARE_1);
    multiWoz(out, dialogues, care1, care2);
    if (Files.isDirectory(calls.resolve("dev"))) {
      for (String split : List.of("dev", "heldout")) {
        Path folder = calls.resolve(split);
        if (!Files.isDirectory(folder)) {
          continue;
        }
        List<LabelledCall> scripts = LabelledCall.readFolder(folder);
        List<CallsReport.Figures> figures = List.of(CallsReport.measure("care-1", scripts, care1),
            CallsReport.measure(care2.modelId(), scripts, care2));
        CallsReport.print(out, "Labelled calls, " + split + " (" + scripts.size() + " calls"
            + (split.equals("heldout") ? "; never tuned on, reported only" : "; tuned on") + ")", figures);
        if (details && split.equals("dev")) {
          figures.get(1).misses().forEach(m -> out.println("  " + m));
        } else if (details) {
          // Reading a held-out call's misses is the first step of tuning on it: the figures above are all it gives.
          out.println("  (held-out calls' misses are not listed)");
        }
      }
    }
    if (Files.isRegularFile(hvb)) {
      hvb(out, care1, care2);
    }
    out.flush();
    return 0;
  }

  private void multiWoz(PrintWriter out, List<UssDialogue> dialogues, CoreConfig care1, CoreConfig care2) {
    int n = dialogues.size();
    Map<String, double[]> measures = new LinkedHashMap<>();
    String c2 = care2.modelId();
    for (String name : List.of("care-1 callScore", "care-1 score (final)", c2 + " callScore",
        c2 + " score (final)", "  part emotion (end)", "  part empathy", "  part ownership", "  part listening",
        "  part responsiveness", "  part personal", "  trajectory level", "  trajectory trough",
        "  trajectory recovery", "VADER-only customer mean", "LCA-style (mean + last quarter)")) {
      measures.put(name, new double[n]);
    }
    int[] ratings = new int[n];
    boolean[] held = new boolean[n];
    try (Progress progress = Progress.of("USS dialogues", n, "dialogues")) {
      for (int i = 0; i < n; i++) {
        UssDialogue dialogue = dialogues.get(i);
        ratings[i] = dialogue.rating();
        held[i] = MultiWozSplit.heldOut(dialogue.number());
        List<CallFrame> frames = UssReplay.frames(dialogue);
        var one = ScoredCall.run(UssReplay.callId(dialogue), frames, care1).summary();
        ScoredCall two = ScoredCall.run(UssReplay.callId(dialogue), frames, care2);
        measures.get("care-1 callScore")[i] = one.callScore();
        measures.get("care-1 score (final)")[i] = one.score();
        measures.get(c2 + " callScore")[i] = two.summary().callScore();
        measures.get(c2 + " score (final)")[i] = two.summary().score();
        double[] f = two.features();
        measures.get("  part emotion (end)")[i] = f[ScoreBlend.END];
        measures.get("  part empathy")[i] = f[ScoreBlend.EMPATHY];
        measures.get("  part ownership")[i] = f[ScoreBlend.OWNERSHIP];
        measures.get("  part listening")[i] = f[ScoreBlend.LISTENING];
        measures.get("  part responsiveness")[i] = f[ScoreBlend.RESPONSIVENESS];
        measures.get("  part personal")[i] = f[ScoreBlend.PERSONAL];
        measures.get("  trajectory level")[i] = f[ScoreBlend.LEVEL];
        measures.get("  trajectory trough")[i] = f[ScoreBlend.TROUGH];
        measures.get("  trajectory recovery")[i] = f[ScoreBlend.RECOVERY];
        List<String> customer = new ArrayList<>();
        for (UssDialogue.Turn turn : dialogue.turns()) {
          if (turn.role() == UssDialogue.Role.USER && !turn.text().isEmpty()) {
            customer.add(turn.text());
          }
        }
        measures.get("VADER-only customer mean")[i] = Baselines.vaderMean(customer);
        measures.get("LCA-style (mean + last quarter)")[i] = Baselines.lcaStyle(customer);
        progress.step();
      }
    }
    for (boolean heldOut : new boolean[] {false, true}) {
      int count = 0;
      for (boolean h : held) {
        count += h == heldOut ? 1 : 0;
      }
      int[] r = new int[count];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (held[i] == heldOut) {
          r[k++] = ratings[i];
        }
      }
      int unhappy = 0;
      int happy = 0;
      for (int rating : r) {
        unhappy += rating <= 2 ? 1 : 0;
        happy += rating >= 4 ? 1 : 0;
      }
      out.printf(Locale.ROOT, "%nUSS MultiWOZ, %s: %d dialogues; unhappy (<=2): %d, happy (>=4): %d%n",
          heldOut ? "care-2's held-out split (never fitted on)" : "care-2's fit split", count, unhappy, happy);
      out.printf(Locale.ROOT, "%-34s %7s  %-18s %9s  %-18s%n", "measure", "AUROC", "95% CI bootstrap", "Spearman",
          "95% CI Fisher z");
      for (var entry : measures.entrySet()) {
        double[] values = new double[count];
        k = 0;
        for (int i = 0; i < n; i++) {
          if (held[i] == heldOut) {
            values[k++] = entry.getValue()[i];
          }
        }
        ScoreAgreement row = ScoreAgreement.of(entry.getKey(), values, r, 2, 4);
        out.printf(Locale.ROOT, "%-34s %7s  %-18s %9s  %-18s%n", row.measure(), ScoreAgreement.figure(row.auroc()),
            ScoreAgreement.interval(row.aurocInterval()), ScoreAgreement.figure(row.spearman()),
            ScoreAgreement.interval(row.spearmanInterval()));
      }
    }
    out.printf(Locale.ROOT, "AUROC: unhappy vs happy, higher = happier, ties half; bootstrap %d stratified resamples,"
        + " seed %d. Reference (shared/data/README.md): VADER-only 0.663, best LCA-style 0.700 (all 1,000).%n",
        ScoreAgreement.BOOTSTRAP_RESAMPLES, ScoreAgreement.BOOTSTRAP_SEED);
  }

  private void hvb(PrintWriter out, CoreConfig care1, CoreConfig care2) {
    HvbReplay replay = new HvbReplay(false);
    List<double[]> rows = new ArrayList<>();
    for (HvbCall call : HvbSample.read(hvb)) {
      if (call.callerRating().isEmpty()) {
        continue;
      }
      List<CallFrame> frames = replay.frames(call);
      List<String> customer = new ArrayList<>();
      for (HvbCall.Segment segment : call.segments()) {
        String words = TranscriptText.spokenWords(segment.text());
        if (segment.isCaller() && !words.isEmpty()) {
          customer.add(words);
        }
      }
      rows.add(new double[] {call.callerRating().getAsInt(),
          ScoredCall.run(HvbReplay.callId(call), frames, care1).callScore(),
          ScoredCall.run(HvbReplay.callId(call), frames, care2).callScore(),
          Baselines.vaderMean(customer), Baselines.lcaStyle(customer)});
    }
    out.printf(Locale.ROOT, "%nHVB caller ratings (0-10), %d rated calls (information only: a sample chosen for its"
        + " bad calls, ratings mostly 10)%n", rows.size());
    String[] names = {"care-1 callScore", care2.modelId() + " callScore", "VADER-only customer mean",
        "LCA-style (mean + last quarter)"};
    double[] ratings = rows.stream().mapToDouble(r -> r[0]).toArray();
    for (int m = 0; m < names.length; m++) {
      int column = m + 1;
      double[] values = rows.stream().mapToDouble(r -> r[column]).toArray();
      double rho = RankStatistics.spearman(values, ratings);
      Interval interval = RankStatistics.spearmanInterval(rho, values.length);
      out.printf(Locale.ROOT, "%-34s Spearman %s  95%% CI %s%n", names[m], ScoreAgreement.figure(rho),
          ScoreAgreement.interval(interval));
    }
  }

  private int trace(PrintWriter out) {
    CoreConfig config = ModelFiles.config(model);
    io.carepulse.score.ActReader reader = io.carepulse.score.ActReaders.named(
        config.model().text("model.acts", io.carepulse.score.ActReaders.PHRASES));
    if (Files.isRegularFile(calls.resolve("heldout").resolve(trace + ".call"))) {
      spec.commandLine().getErr().println(trace + " is a held-out call: it is measured, never traced");
      return 1;
    }
    Path file = calls.resolve("dev").resolve(trace + ".call");
    if (!Files.isRegularFile(file)) {
      spec.commandLine().getErr().println("no call " + trace);
      return 1;
    }
    LabelledCall script = LabelledCall.read(file);
    CallEngine engine = new CallEngine("call-" + script.id(), config);
    long start = script.frames().get(0).ts();
    for (CallFrame frame : script.frames()) {
      CallEngine.Step step = engine.apply(frame);
      long t = (frame.ts() - start) / 1000;
      if (frame instanceof io.carepulse.protocol.Utterance u) {
        out.printf(Locale.ROOT, "%4ds %-8s %s%n        acts: %s%n", t, u.speaker().wire(), u.text(),
            reader.read(u.speaker(), u.text(), io.carepulse.score.Tokens.of(u.text())));
      }
      step.score().ifPresent(sc -> {
        if (frame instanceof io.carepulse.protocol.Utterance || frame instanceof io.carepulse.protocol.CallEnd) {
          out.printf(Locale.ROOT, "        score %d call %d parts %s reasons %s%n", sc.score(), sc.callScore(),
              sc.parts(), sc.reasons().stream().map(r -> r.rule() + String.format(Locale.ROOT, "%+.0f", r.delta()))
                  .toList());
        }
      });
      step.prompts().forEach(p -> out.printf(Locale.ROOT, "  >>> PROMPT %s at %d s%n", p.kindNames(), t));
      step.signals().stream().filter(sg -> sg.kind() != io.carepulse.score.Signal.Kind.VOICE)
          .forEach(sg -> out.printf(Locale.ROOT, "        signal %s%n", sg.kind()));
    }
    script.expected().forEach(e -> out.printf(Locale.ROOT, "expected %s at %d s%n", e.kind(), e.atMs() / 1000));
    out.flush();
    return 0;
  }

  static CallEngine engine(String callId, CoreConfig config) {
    return new CallEngine(callId, config);
  }
}
