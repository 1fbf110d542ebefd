package io.carepulse.tools.devdata;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.stats.Interval;
import io.carepulse.stats.RankStatistics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devdata evaluate-hvb}: the caller's rating of the agent (0–10) against our whole-call score on the HVB
 * sample. Information only: about thirty rated calls, chosen to over-represent bad ones, cannot validate anything.
 */
@Command(name = "evaluate-hvb", mixinStandardHelpOptions = true,
    description = "Compare the HVB callers' partner_rating with CarePulse's callScore (information only).")
public final class EvaluateHvbCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", description = "HVB calls.jsonl (default: ${DEFAULT-VALUE})",
      defaultValue = "../shared/data/hvb/calls.jsonl")
  Path input;

  @Option(names = "--with-emotion", description = "Feed the corpus's customer emotion estimates too.")
  boolean withEmotion;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(input)) {
      spec.commandLine().getErr().println("devdata evaluate-hvb: no HVB sample at " + input.toAbsolutePath());
      spec.commandLine().getErr().flush();
      return 1;
    }
    HvbReplay replay = new HvbReplay(withEmotion);
    List<Scored> rated = new ArrayList<>();
    int unrated = 0;
    String model = "";
    for (HvbCall call : HvbSample.read(input)) {
      if (call.callerRating().isEmpty()) {
        unrated++;
        continue;
      }
      CallEngine engine = new CallEngine(HvbReplay.callId(call), CoreConfig.defaults());
      for (CallFrame frame : replay.frames(call)) {
        engine.apply(frame);
      }
      CallSummary summary = engine.summary();
      model = summary.model();
      rated.add(new Scored(call.sid(), call.callerRating().getAsInt(), summary.score(), summary.callScore()));
    }
    rated.sort(Comparator.comparingInt(Scored::rating).thenComparing(Scored::sid));
    double[] ratings = rated.stream().mapToDouble(Scored::rating).toArray();
    double[] callScores = rated.stream().mapToDouble(Scored::callScore).toArray();
    double[] finalScores = rated.stream().mapToDouble(Scored::score).toArray();
    out.printf(Locale.ROOT, "HVB sample: %d calls with a caller rating, %d without; core model %s%n", rated.size(),
        unrated, model);
    out.printf(Locale.ROOT, "%-18s %6s %6s %9s%n", "sid", "rating", "score", "callScore");
    for (Scored s : rated) {
      out.printf(Locale.ROOT, "%-18s %6d %6d %9d%n", s.sid(), s.rating(), s.score(), s.callScore());
    }
    printSpearman(out, "callScore", callScores, ratings);
    printSpearman(out, "final score", finalScores, ratings);
    out.println("Information only: tiny n, a sample chosen for its bad calls, and ratings mostly 10.");
    out.flush();
    return 0;
  }

  private static void printSpearman(PrintWriter out, String measure, double[] scores, double[] ratings) {
    double rho = RankStatistics.spearman(scores, ratings);
    Interval interval = RankStatistics.spearmanInterval(rho, scores.length);
    out.printf(Locale.ROOT, "Spearman(partner_rating, %s) = %s  95%% CI %s  (n = %d)%n", measure,
        ScoreAgreement.figure(rho), ScoreAgreement.interval(interval), scores.length);
  }

  private record Scored(String sid, int rating, int score, int callScore) {
  }
}
