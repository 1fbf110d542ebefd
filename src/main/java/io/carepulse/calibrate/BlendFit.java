package io.carepulse.calibrate;

import io.carepulse.score.ScoreBlend;
import io.carepulse.stats.RankStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits care-2's blend to outcomes: ridge-penalised logistic regression of happy (1) versus unhappy (0) on the blend
 * features, by Newton's method, with the penalty chosen by k-fold cross-validation (folds fixed by a hash of the
 * call id, so a refit gives the same folds). A feature that does not help on the held-out folds is shrunk hard
 * (its penalty ×{@value #SHRINK}) when shrinking it improves the held-out criterion, and the composite is kept only if it is not worse on the folds than the best
 * single feature; otherwise that feature alone is used. Deterministic.
 */
public final class BlendFit {

  static final double[] LAMBDAS = {0.03, 0.1, 0.3, 1, 3, 10, 30};
  static final double SHRINK = 30;
  static final double TOLERANCE = 0.002;
  static final double OFF = 1e6;

  private List<String> groups = List.of();

  /** One call's blend features, its outcome (1 happy, 0 unhappy), a weight, and its id (for the folds). */
  public record Example(String callId, String group, double[] x, int y, double weight, double rating) {
  }

  public record Fold(int fold, int n, int unhappy, int happy, double auroc, double spearman) {
  }

  /** What was fitted and how it did on the folds. */
  public record Result(double intercept, double[] weights, double lambda, double[] penalty, List<Fold> folds,
                       double cvAuroc, double[] singleCvAuroc, String chosen, double trainAuroc,
                       Map<String, Double> groupIntercepts, Map<String, Double> leaveGroupOut) {
  }

  private final int k;
  private final double behaviourPenalty;

  /**
   * {@code behaviourPenalty} multiplies the ridge penalty of the five behaviour parts: how an agent behaves is
   * measured from wording that differs between domains, and care-1's behaviour weights, tuned on one domain, did
   * not carry to others, while the customer's own signals did (issue 13). 1 treats all features alike.
   */
  public BlendFit(int k, double behaviourPenalty) {
    if (k < 2) {
      throw new IllegalArgumentException("k-fold cross-validation needs k >= 2");
    }
    this.k = k;
    this.behaviourPenalty = behaviourPenalty;
  }

  public Result fit(List<Example> examples) {
    groups = examples.stream().map(Example::group).distinct().sorted().toList();
    int d = ScoreBlend.FEATURES.size();
    double[] ones = new double[d];
    Arrays.fill(ones, 1);
    for (int j = 0; j <= ScoreBlend.PERSONAL; j++) {
      ones[j] = behaviourPenalty;
    }
    double bestLambda = LAMBDAS[0];
    double best = -1;
    for (double lambda : LAMBDAS) {
      double auroc = criterion(examples, lambda, ones);
      if (auroc > best + 1e-9) {
        best = auroc;
        bestLambda = lambda;
      }
    }
    double[] penalty = ones.clone();
    for (int j = 0; j < d; j++) {
      double[] without = penalty.clone();
      without[j] = SHRINK;
      double auroc = criterion(examples, bestLambda, without);
      // Shrunk only when it does harm on the held-out folds: dropping it must improve the criterion, not merely
      // leave it as it was (with ~50 unhappy calls in all, "no worse" is mostly noise).
      if (auroc > best + TOLERANCE) {
        penalty = without;
        best = auroc;
      }
    }
    // A higher part or a better mood never lowers the score: a feature fitted against its meaning is switched off.
    double[] beta = newton(examples, bestLambda, penalty);
    for (int round = 0; round < d; round++) {
      boolean changed = false;
      for (int j = 0; j < d; j++) {
        if (beta[groups.size() + j] < 0 && penalty[j] < OFF) {
          penalty[j] = OFF;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      beta = newton(examples, bestLambda, penalty);
    }
    best = criterion(examples, bestLambda, penalty);
    double[] single = new double[d];
    int bestSingle = 0;
    for (int j = 0; j < d; j++) {
      double[] only = new double[d];
      Arrays.fill(only, OFF);
      only[j] = 1e-3;
      single[j] = criterion(examples, 1, only);
      if (single[j] > single[bestSingle]) {
        bestSingle = j;
      }
    }
    String chosen = "composite";
    if (single[bestSingle] > best) {
      penalty = new double[d];
      Arrays.fill(penalty, OFF);
      penalty[bestSingle] = 1e-3;
      bestLambda = 1;
      best = single[bestSingle];
      chosen = "single feature " + ScoreBlend.FEATURES.get(bestSingle);
      beta = newton(examples, bestLambda, penalty);
    }
    List<Fold> folds = folds(examples, bestLambda, penalty);
    double[] fitted = beta;
    double[] scores = examples.stream().mapToDouble(e -> z(fitted, e.x(), 0)).toArray();
    Map<String, Double> intercepts = new TreeMap<>();
    double weighted = 0;
    double total = 0;
    for (int g = 0; g < groups.size(); g++) {
      intercepts.put(groups.get(g), beta[g]);
      String group = groups.get(g);
      double w = examples.stream().filter(e -> e.group().equals(group)).mapToDouble(Example::weight).sum();
      weighted += w * beta[g];
      total += w;
    }
    Map<String, Double> leaveOut = new TreeMap<>();
    if (groups.size() > 1) {
      for (String group : groups) {
        leaveOut.put(group, leaveGroupOut(examples, bestLambda, penalty, group));
      }
    }
    return new Result(weighted / total, Arrays.copyOfRange(beta, groups.size(), beta.length), bestLambda, penalty,
        folds, best, single, chosen, auroc(examples, scores), intercepts, leaveOut);
  }

  /**
   * What the penalty and the features are chosen by: the mean within-source AUROC over the k folds, averaged, when
   * there are several sources, with the AUROC on each source left out of the fit altogether (what carries to a
   * data set the fit never saw).
   */
  private double criterion(List<Example> examples, double lambda, double[] penalty) {
    double kFold = cvAuroc(examples, lambda, penalty);
    if (groups.size() < 2) {
      return kFold;
    }
    double sum = 0;
    int counted = 0;
    for (String group : groups) {
      double auroc = leaveGroupOut(examples, lambda, penalty, group);
      if (!Double.isNaN(auroc)) {
        sum += auroc;
        counted++;
      }
    }
    return counted == 0 ? kFold : (kFold + sum / counted) / 2;
  }

  private double leaveGroupOut(List<Example> examples, double lambda, double[] penalty, String group) {
    List<Example> train = examples.stream().filter(e -> !e.group().equals(group)).toList();
    List<Example> test = examples.stream().filter(e -> e.group().equals(group)).toList();
    double[] beta = newton(train, lambda, penalty);
    return auroc(test, test.stream().mapToDouble(e -> z(beta, e.x(), 0)).toArray());
  }

  private double cvAuroc(List<Example> examples, double lambda, double[] penalty) {
    double sum = 0;
    int counted = 0;
    for (Fold fold : folds(examples, lambda, penalty)) {
      if (!Double.isNaN(fold.auroc())) {
        sum += fold.auroc();
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  private List<Fold> folds(List<Example> examples, double lambda, double[] penalty) {
    List<Fold> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Example> train = new ArrayList<>();
      List<Example> test = new ArrayList<>();
      for (Example e : examples) {
        (fold(e.callId()) == f ? test : train).add(e);
      }
      double[] beta = newton(train, lambda, penalty);
      double aurocSum = 0;
      double rhoSum = 0;
      int counted = 0;
      for (String group : groups) {
        List<Example> part = test.stream().filter(e -> e.group().equals(group)).toList();
        double[] scores = part.stream().mapToDouble(e -> z(beta, e.x(), 0)).toArray();
        double auroc = auroc(part, scores);
        if (!Double.isNaN(auroc)) {
          aurocSum += auroc;
          rhoSum += RankStatistics.spearman(scores, part.stream().mapToDouble(Example::rating).toArray());
          counted++;
        }
      }
      int unhappy = (int) test.stream().filter(e -> e.y() == 0).count();
      folds.add(new Fold(f + 1, test.size(), unhappy, test.size() - unhappy,
          counted == 0 ? Double.NaN : aurocSum / counted, counted == 0 ? Double.NaN : rhoSum / counted));
    }
    return folds;
  }

  int fold(String callId) {
    long h = callId.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 31;
    return (int) Math.floorMod(h, (long) k);
  }

  static double auroc(List<Example> examples, double[] scores) {
    List<Double> unhappy = new ArrayList<>();
    List<Double> happy = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      (examples.get(i).y() == 1 ? happy : unhappy).add(scores[i]);
    }
    if (unhappy.isEmpty() || happy.isEmpty()) {
      return Double.NaN;
    }
    return RankStatistics.auroc(unhappy.stream().mapToDouble(Double::doubleValue).toArray(),
        happy.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The linear predictor without any intercept when {@code group} < 0, else with that source's intercept. */
  private double z(double[] beta, double[] x, int group) {
    int g = groups.size();
    double z = group >= 0 ? beta[group] : 0;
    for (int j = 0; j < x.length; j++) {
      z += beta[g + j] * x[j];
    }
    return z;
  }

  /**
   * Penalised maximum likelihood by Newton's method, with one unpenalised intercept per source (a source's base
   * rate of happy calls is not something the features should explain).
   */
  private double[] newton(List<Example> examples, double lambda, double[] penalty) {
    int g = groups.size();
    int d = penalty.length + g;
    double[] beta = new double[d];
    double[] row = new double[d];
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (Example e : examples) {
        int group = groups.indexOf(e.group());
        Arrays.fill(row, 0, g, 0);
        row[group] = 1;
        System.arraycopy(e.x(), 0, row, g, e.x().length);
        double p = 1 / (1 + Math.exp(-z(beta, e.x(), group)));
        double w = e.weight();
        double r = w * (e.y() - p);
        double s = w * Math.max(p * (1 - p), 1e-9);
        for (int a = 0; a < d; a++) {
          gradient[a] += r * row[a];
          for (int b = 0; b <= a; b++) {
            hessian[a][b] += s * row[a] * row[b];
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          hessian[b][a] = hessian[a][b];
        }
        if (a < g) {
          hessian[a][a] += 1e-6;
        }
      }
      for (int j = g; j < d; j++) {
        gradient[j] -= lambda * penalty[j - g] * beta[j];
        hessian[j][j] += lambda * penalty[j - g];
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int j = 0; j < d; j++) {
        beta[j] += step[j];
        change = Math.max(change, Math.abs(step[j]));
      }
      if (change < 1e-9) {
        break;
      }
    }
    return beta;
  }

  private static double[] solve(double[][] matrix, double[] vector) {
    int n = vector.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = Arrays.copyOf(matrix[i], n + 1);
      a[i][n] = vector[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        for (int c = col; c <= n; c++) {
          a[row][c] -= factor * a[col][c];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int c = row + 1; c < n; c++) {
        sum -= a[row][c] * x[c];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }
}
