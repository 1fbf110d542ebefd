package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.acts.ActModel;
import io.carepulse.acts.ActModelFile;
import io.carepulse.acts.ActWeights;
import io.carepulse.acts.FeatureSet;
import io.carepulse.protocol.Speaker;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains the dialogue-act model from the training files only: per speaker, one L2-regularised logistic regression
 * per act over hashed n-gram features. The regularisation strength and each act's decision threshold are chosen
 * by k-fold cross-validation grouped by industry (every utterance of an industry in the same fold, so the folds
 * measure what the held-out files test: wording from industries the model has not seen). Deterministic: files,
 * examples, folds and columns in a fixed order; acts are fitted in parallel but each fit is sequential and lands
 * in its own slot.
 */
public final class ActTrainer {

  /** Out-of-fold macro-F1 differences below this do not choose a weaker regularisation. */
  private static final double LAMBDA_TOLERANCE = 0.005;
  /** Threshold candidates: the probability grid searched on the out-of-fold predictions. */
  private static final double[] THRESHOLDS = IntStream.rangeClosed(2, 95).mapToDouble(i -> i / 100.0).toArray();

  public record Settings(String id, FeatureSet features, int minCount, double[] lambdas, int folds) {

    public static Settings defaults() {
      return new Settings("acts-1", FeatureSet.WORDS, 2, new double[] {1e-5, 3e-5, 1e-4, 3e-4, 1e-3}, 5);
    }

    public String describe() {
      return "features " + features.describe() + ", min count " + minCount + ", lambda grid "
          + java.util.Arrays.toString(lambdas) + ", " + folds + " folds by industry";
    }
  }

  /**
   * What cross-validation found for one speaker: the chosen λ, the thresholds, the out-of-fold figures, and each
   * utterance's out-of-fold acts (in {@code examples} order), so other readers can be compared on the same rows.
   */
  public record CrossValidation(Speaker speaker, double lambda, double[] macroF1ByLambda, ActTally all,
                                ActTally clean, ActTally asr, int features, List<ActExample> examples,
                                List<Set<Act>> outOfFold) {
  }

  public record Trained(ActModel model, List<CrossValidation> folds, int examples, long millis) {
  }

  private final Settings settings;
  private final Consumer<String> log;

  public ActTrainer(Settings settings, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
  }

  public Trained train(List<ActExample> examples) {
    long started = System.nanoTime();
    List<CrossValidation> cv = new ArrayList<>();
    ActWeights[] weights = new ActWeights[2];
    for (Speaker speaker : Speaker.values()) {
      List<ActExample> mine = examples.stream().filter(e -> e.speaker() == speaker).toList();
      SpeakerTraining training = new SpeakerTraining(speaker, mine);
      cv.add(training.crossValidate());
      weights[speaker.ordinal()] = training.fitAll(cv.get(cv.size() - 1));
    }
    ActModel model = ActModel.of(settings.id(), settings.features(), weights[0], weights[1]);
    return new Trained(model, cv, examples.size(), (System.nanoTime() - started) / 1_000_000);
  }

  private final class SpeakerTraining {
    final Speaker speaker;
    final List<ActExample> examples;
    final Act[] acts;
    final int[][] features;
    final int[] fold;
    final boolean[][] labels;
    double[] thresholds;

    SpeakerTraining(Speaker speaker, List<ActExample> examples) {
      this.speaker = speaker;
      this.examples = examples;
      this.acts = Act.of(speaker);
      features = new int[examples.size()][];
      for (int i = 0; i < features.length; i++) {
        features[i] = settings.features().extract(examples.get(i).text());
      }
      List<String> industries = new ArrayList<>(new TreeSet<>(examples.stream().map(ActExample::industry).toList()));
      fold = new int[examples.size()];
      for (int i = 0; i < fold.length; i++) {
        fold[i] = industries.indexOf(examples.get(i).industry()) % settings.folds();
      }
      labels = new boolean[acts.length][examples.size()];
      for (int a = 0; a < acts.length; a++) {
        for (int i = 0; i < examples.size(); i++) {
          labels[a][i] = examples.get(i).has(acts[a]);
        }
      }
    }

    CrossValidation crossValidate() {
      double[] lambdas = settings.lambdas();
      double[] macro = new double[lambdas.length];
      double[][][] oofByLambda = new double[lambdas.length][][];
      double[][] thresholdsByLambda = new double[lambdas.length][];
      for (int l = 0; l < lambdas.length; l++) {
        double[][] oof = outOfFold(lambdas[l]);
        oofByLambda[l] = oof;
        thresholdsByLambda[l] = new double[acts.length];
        double sum = 0;
        int present = 0;
        for (int a = 0; a < acts.length; a++) {
          double[] best = bestThreshold(oof[a], labels[a]);
          thresholdsByLambda[l][a] = best[0];
          if (best[2] > 0) {
            sum += best[1];
            present++;
          }
        }
        macro[l] = present == 0 ? 0 : sum / present;
        log.accept(String.format(java.util.Locale.ROOT, "  %s lambda %.0e: out-of-fold macro-F1 %.3f",
            speaker.wire(), lambdas[l], macro[l]));
      }
      int best = 0;
      for (int l = 1; l < lambdas.length; l++) {
        if (macro[l] > macro[best]) {
          best = l;
        }
      }
      // The strongest regularisation whose figure is within LAMBDA_TOLERANCE of the best: differences that small
      // are noise between folds, and the smoother model carries better to unseen wording.
      int chosen = best;
      for (int l = 0; l < lambdas.length; l++) {
        if (macro[l] >= macro[best] - LAMBDA_TOLERANCE && lambdas[l] > lambdas[chosen]) {
          chosen = l;
        }
      }
      thresholds = thresholdsByLambda[chosen];
      ActTally all = new ActTally();
      ActTally clean = new ActTally();
      ActTally asr = new ActTally();
      List<Set<Act>> outOfFold = new ArrayList<>();
      for (int i = 0; i < examples.size(); i++) {
        Set<Act> predicted = EnumSet.noneOf(Act.class);
        for (int a = 0; a < acts.length; a++) {
          if (oofByLambda[chosen][a][i] >= thresholds[a]) {
            predicted.add(acts[a]);
          }
        }
        ActExample e = examples.get(i);
        outOfFold.add(predicted);
        all.add(e, predicted);
        (e.form() == ActExample.Form.CLEAN ? clean : asr).add(e, predicted);
      }
      return new CrossValidation(speaker, lambdas[chosen], macro, all, clean, asr, 0, examples, outOfFold);
    }

    /** Out-of-fold probabilities {@code [act][example]}. */
    double[][] outOfFold(double lambda) {
      double[][] oof = new double[acts.length][examples.size()];
      for (int f = 0; f < settings.folds(); f++) {
        int[] train = indices(f, false);
        int[] test = indices(f, true);
        if (test.length == 0) {
          continue;
        }
        int[] vocabulary = SparseRows.vocabulary(features, train, settings.minCount());
        SparseRows x = SparseRows.of(features, train, vocabulary);
        SparseRows held = SparseRows.of(features, test, vocabulary);
        double[][] w = fitActs(x, train, lambda);
        for (int a = 0; a < acts.length; a++) {
          for (int r = 0; r < test.length; r++) {
            oof[a][test[r]] = sigmoid(LogisticRegression.logit(held, r, w[a]));
          }
        }
      }
      return oof;
    }

    double[][] fitActs(SparseRows x, int[] rows, double lambda) {
      double[][] w = new double[acts.length][];
      IntStream.range(0, acts.length).parallel().forEach(a -> {
        boolean[] y = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
          y[r] = labels[a][rows[r]];
        }
        w[a] = LogisticRegression.fit(x, y, lambda);
      });
      return w;
    }

    int[] indices(int f, boolean inFold) {
      return IntStream.range(0, examples.size()).filter(i -> (fold[i] == f) == inFold).toArray();
    }

    ActWeights fitAll(CrossValidation cv) {
      int[] all = IntStream.range(0, examples.size()).toArray();
      int[] vocabulary = SparseRows.vocabulary(features, all, settings.minCount());
      SparseRows x = SparseRows.of(features, all, vocabulary);
      double[][] w = fitActs(x, all, cv.lambda());
      int k = acts.length;
      List<Integer> kept = new ArrayList<>();
      for (int c = 0; c < vocabulary.length; c++) {
        for (int a = 0; a < k; a++) {
          if (ActModelFile.quantise(w[a][c]) != 0) {
            kept.add(c);
            break;
          }
        }
      }
      int[] keys = new int[kept.size()];
      float[][] rows = new float[kept.size()][k];
      for (int r = 0; r < keys.length; r++) {
        int c = kept.get(r);
        keys[r] = vocabulary[c];
        for (int a = 0; a < k; a++) {
          rows[r][a] = (float) w[a][c];
        }
      }
      float[] bias = new float[k];
      float[] threshold = new float[k];
      for (int a = 0; a < k; a++) {
        bias[a] = (float) w[a][x.columns];
        threshold[a] = (float) thresholds[a];
      }
      log.accept(String.format(java.util.Locale.ROOT, "  %s: %d utterances, %d features in the vocabulary, %d kept,"
          + " lambda %.0e", speaker.wire(), examples.size(), vocabulary.length, keys.length, cv.lambda()));
      return new ActWeights(speaker, acts, bias, threshold, keys, rows);
    }
  }

  /**
   * The threshold that maximises F1 on out-of-fold probabilities: {@code [threshold, f1, positives]}. Among equal
   * F1 the middle of the best run is taken, so the cut sits away from the edge of what was seen.
   */
  static double[] bestThreshold(double[] probability, boolean[] label) {
    int positives = 0;
    for (boolean l : label) {
      positives += l ? 1 : 0;
    }
    if (positives == 0) {
      return new double[] {0.95, 0, 0};
    }
    double[] f1 = new double[THRESHOLDS.length];
    double best = -1;
    for (int t = 0; t < THRESHOLDS.length; t++) {
      int tp = 0;
      int said = 0;
      for (int i = 0; i < probability.length; i++) {
        if (probability[i] >= THRESHOLDS[t]) {
          said++;
          tp += label[i] ? 1 : 0;
        }
      }
      f1[t] = 2.0 * tp / (said + positives);
      best = Math.max(best, f1[t]);
    }
    int first = -1;
    int last = -1;
    for (int t = 0; t < THRESHOLDS.length; t++) {
      if (f1[t] >= best - 1e-12) {
        if (first < 0) {
          first = t;
        }
        last = t;
      } else if (first >= 0) {
        break;
      }
    }
    return new double[] {THRESHOLDS[(first + last) / 2], best, positives};
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
