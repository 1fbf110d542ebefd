package io.carepulse.tools.devdata;

/**
 * L2-regularised binary logistic regression, minimised by L-BFGS (Nocedal &amp; Wright, algorithm 7.4, with a
 * backtracking Armijo line search):
 * {@code (1/n) Σ log(1 + e^(−yᵢ(w·xᵢ + b))) + (λ/2)·‖w‖²}, the bias unregularised. Deterministic: sequential
 * loops in a fixed order, no randomness.
 */
final class LogisticRegression {

  private static final int MEMORY = 8;
  private static final int MAX_ITERATIONS = 300;
  private static final double GRADIENT_TOLERANCE = 1e-6;

  private LogisticRegression() {
  }

  /** Weights per column, then the bias at index {@code x.columns}. */
  static double[] fit(SparseRows x, boolean[] y, double lambda) {
    int d = x.columns + 1;
    double[] w = new double[d];
    int positives = 0;
    for (boolean label : y) {
      positives += label ? 1 : 0;
    }
    if (positives == 0 || positives == y.length) {
      w[x.columns] = positives == 0 ? -8 : 8;
      return w;
    }
    double p = (double) positives / y.length;
    w[x.columns] = Math.log(p / (1 - p));
    double[] g = new double[d];
    double f = evaluate(x, y, lambda, w, g);
    double[][] s = new double[MEMORY][d];
    double[][] t = new double[MEMORY][d];
    double[] rho = new double[MEMORY];
    double[] alpha = new double[MEMORY];
    double[] direction = new double[d];
    double[] next = new double[d];
    double[] nextGradient = new double[d];
    int stored = 0;
    int newest = -1;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      if (maxAbs(g) < GRADIENT_TOLERANCE) {
        break;
      }
      for (int j = 0; j < d; j++) {
        direction[j] = -g[j];
      }
      for (int m = 0; m < stored; m++) {
        int i = Math.floorMod(newest - m, MEMORY);
        alpha[i] = rho[i] * dot(s[i], direction);
        axpy(-alpha[i], t[i], direction);
      }
      if (stored > 0) {
        double gamma = dot(s[newest], t[newest]) / dot(t[newest], t[newest]);
        for (int j = 0; j < d; j++) {
          direction[j] *= gamma;
        }
      } else {
        double norm = Math.sqrt(dot(direction, direction));
        for (int j = 0; j < d; j++) {
          direction[j] /= Math.max(1, norm);
        }
      }
      for (int m = stored - 1; m >= 0; m--) {
        int i = Math.floorMod(newest - m, MEMORY);
        double beta = rho[i] * dot(t[i], direction);
        axpy(alpha[i] - beta, s[i], direction);
      }
      double slope = dot(g, direction);
      if (slope >= 0) {
        for (int j = 0; j < d; j++) {
          direction[j] = -g[j];
        }
        slope = dot(g, direction);
        stored = 0;
      }
      double step = 1;
      double nextF;
      int tries = 0;
      while (true) {
        for (int j = 0; j < d; j++) {
          next[j] = w[j] + step * direction[j];
        }
        nextF = evaluate(x, y, lambda, next, nextGradient);
        if (nextF <= f + 1e-4 * step * slope || ++tries > 40) {
          break;
        }
        step *= 0.5;
      }
      if (tries > 40) {
        break;
      }
      newest = (newest + 1) % MEMORY;
      double st = 0;
      for (int j = 0; j < d; j++) {
        s[newest][j] = next[j] - w[j];
        t[newest][j] = nextGradient[j] - g[j];
        st += s[newest][j] * t[newest][j];
      }
      boolean converged = f - nextF < 1e-10 * Math.max(1, Math.abs(f));
      System.arraycopy(next, 0, w, 0, d);
      System.arraycopy(nextGradient, 0, g, 0, d);
      f = nextF;
      if (st > 1e-12) {
        rho[newest] = 1 / st;
        stored = Math.min(stored + 1, MEMORY);
      } else {
        newest = Math.floorMod(newest - 1, MEMORY);
        stored = Math.min(stored, MEMORY - 1);
      }
      if (converged) {
        break;
      }
    }
    return w;
  }

  /** The objective at {@code w}, its gradient written into {@code g}. */
  static double evaluate(SparseRows x, boolean[] y, double lambda, double[] w, double[] g) {
    int bias = x.columns;
    java.util.Arrays.fill(g, 0);
    double loss = 0;
    double n = x.rows;
    for (int r = 0; r < x.rows; r++) {
      double z = w[bias];
      for (int e = x.start[r]; e < x.start[r + 1]; e++) {
        z += w[x.column[e]] * x.value[e];
      }
      double sign = y[r] ? 1 : -1;
      double margin = sign * z;
      loss += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
      double dz = -sign / (1 + Math.exp(margin)) / n;
      for (int e = x.start[r]; e < x.start[r + 1]; e++) {
        g[x.column[e]] += dz * x.value[e];
      }
      g[bias] += dz;
    }
    double penalty = 0;
    for (int j = 0; j < bias; j++) {
      penalty += w[j] * w[j];
      g[j] += lambda * w[j];
    }
    return loss / n + 0.5 * lambda * penalty;
  }

  static double logit(SparseRows x, int row, double[] w) {
    double z = w[x.columns];
    for (int e = x.start[row]; e < x.start[row + 1]; e++) {
      z += w[x.column[e]] * x.value[e];
    }
    return z;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int j = 0; j < x.length; j++) {
      y[j] += a * x[j];
    }
  }

  private static double maxAbs(double[] a) {
    double max = 0;
    for (double v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
