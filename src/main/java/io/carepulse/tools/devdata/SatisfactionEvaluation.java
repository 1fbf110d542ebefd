package io.carepulse.tools.devdata;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores every USS dialogue with the same core the live service runs, and sets its final score and whole-call score
 * next to a text-only baseline (the mean customer-turn sentiment) against the dialogues' satisfaction ratings.
 */
public final class SatisfactionEvaluation {

  static final int UNHAPPY_AT_MOST = 2;
  static final int HAPPY_AT_LEAST = 4;

  private final CoreConfig config;
  private final CustomerSentiment baseline;

  public SatisfactionEvaluation(CoreConfig config, CustomerSentiment baseline) {
    this.config = config;
    this.baseline = baseline;
  }

  public Report evaluate(List<UssDialogue> dialogues) {
    int n = dialogues.size();
    double[] finalScores = new double[n];
    double[] callScores = new double[n];
    double[] baselineScores = new double[n];
    int[] ratings = new int[n];
    String model = config.modelId();
    for (int i = 0; i < n; i++) {
      UssDialogue dialogue = dialogues.get(i);
      CallSummary summary = score(dialogue);
      model = summary.model();
      finalScores[i] = summary.score();
      callScores[i] = summary.callScore();
      ratings[i] = dialogue.rating();
      baselineScores[i] = meanCustomerSentiment(dialogue, baseline);
    }
    List<ScoreAgreement> rows = new ArrayList<>();
    rows.add(ScoreAgreement.of("CarePulse score (final)", finalScores, ratings, UNHAPPY_AT_MOST, HAPPY_AT_LEAST));
    rows.add(ScoreAgreement.of("CarePulse callScore", callScores, ratings, UNHAPPY_AT_MOST, HAPPY_AT_LEAST));
    rows.add(ScoreAgreement.of("VADER-only customer mean", baselineScores, ratings, UNHAPPY_AT_MOST, HAPPY_AT_LEAST));
    int[] byRating = new int[6];
    for (int rating : ratings) {
      byRating[Math.max(0, Math.min(5, rating))]++;
    }
    return new Report(n, byRating, model, rows);
  }

  private CallSummary score(UssDialogue dialogue) {
    CallEngine engine = new CallEngine(UssReplay.callId(dialogue), config);
    for (CallFrame frame : UssReplay.frames(dialogue)) {
      engine.apply(frame);
    }
    return engine.summary();
  }

  /** The data README's reference baseline: the mean compound sentiment of the customer's turns, 0 when none. */
  static double meanCustomerSentiment(UssDialogue dialogue, CustomerSentiment sentiment) {
    double sum = 0;
    int count = 0;
    for (UssDialogue.Turn turn : dialogue.turns()) {
      if (turn.role() == UssDialogue.Role.USER) {
        sum += sentiment.compound(turn.text());
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /** The figures of one run; {@code byRating[r]} counts the dialogues rated r. */
  public record Report(int dialogues, int[] byRating, String model, List<ScoreAgreement> rows) {

    public ScoreAgreement row(String measure) {
      return rows.stream().filter(row -> row.measure().equals(measure)).findFirst().orElseThrow();
    }

    public void print(PrintWriter out) {
      ScoreAgreement first = rows.get(0);
      out.printf(Locale.ROOT, "USS MultiWOZ: %d dialogues; rated 1..5: %d/%d/%d/%d/%d; unhappy (<=%d): %d, happy (>=%d): %d%n",
          dialogues, byRating[1], byRating[2], byRating[3], byRating[4], byRating[5], UNHAPPY_AT_MOST,
          first.unhappy(), HAPPY_AT_LEAST, first.happy());
      out.printf(Locale.ROOT, "core model: %s%n%n", model);
      out.printf(Locale.ROOT, "%-26s %7s  %-18s %9s  %-18s%n", "measure", "AUROC", "95% CI bootstrap",
          "Spearman", "95% CI Fisher z");
      for (ScoreAgreement row : rows) {
        out.printf(Locale.ROOT, "%-26s %7s  %-18s %9s  %-18s%n", row.measure(), ScoreAgreement.figure(row.auroc()),
            ScoreAgreement.interval(row.aurocInterval()), ScoreAgreement.figure(row.spearman()),
            ScoreAgreement.interval(row.spearmanInterval()));
      }
      out.printf(Locale.ROOT, "%nAUROC: unhappy vs happy, higher score = happier, ties count half; bootstrap: %d"
          + " stratified resamples, seed %d.%n", ScoreAgreement.BOOTSTRAP_RESAMPLES, ScoreAgreement.BOOTSTRAP_SEED);
      out.println("reference (shared/data/README.md): VADER-only customer mean AUROC 0.663, Spearman 0.149;"
          + " best LCA-style variant AUROC 0.700.");
      out.flush();
    }
  }
}
