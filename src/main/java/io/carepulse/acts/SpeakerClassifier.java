package io.carepulse.acts;

import io.carepulse.protocol.Speaker;

/**
 * One speaker's classifier laid out for speed: an open-addressing table from feature hash to row, and the rows'
 * weights in one flat array (row-major, one float per act), so a feature costs one probe and K additions.
 */
final class SpeakerClassifier {

  /** A word is quoted as evidence when it carries at least this share of the act's strongest word. */
  static final float EVIDENCE_SHARE = 0.4f;

  final ActWeights source;
  final Speaker speaker;
  final Act[] acts;
  final int k;
  /** Row length in {@link #weights}. */
  private final int stride;
  final float[] bias;
  final float[] cut;
  private final int[] slotKey;
  private final int[] slotRow;
  private final int mask;
  private final float[] weights;

  SpeakerClassifier(ActWeights w) {
    source = w;
    speaker = w.speaker();
    acts = w.acts().clone();
    k = acts.length;
    stride = k;
    bias = java.util.Arrays.copyOf(w.bias(), stride);
    cut = new float[k];
    for (int i = 0; i < k; i++) {
      double t = w.threshold()[i];
      cut[i] = (float) Math.log(t / (1 - t));
    }
    int rows = w.keys().length;
    int capacity = Integer.highestOneBit(Math.max(4, rows * 2 - 1)) << 1;
    slotKey = new int[capacity];
    slotRow = new int[capacity];
    mask = capacity - 1;
    weights = new float[rows * stride];
    for (int r = 0; r < rows; r++) {
      int key = w.keys()[r];
      int slot = spread(key) & mask;
      while (slotKey[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slotKey[slot] = key;
      slotRow[slot] = r;
      System.arraycopy(w.weights()[r], 0, weights, r * stride, k);
    }
  }

  private static int spread(int key) {
    return key ^ (key >>> 16);
  }

  private int row(int key) {
    int slot = spread(key) & mask;
    int found;
    while ((found = slotKey[slot]) != 0) {
      if (found == key) {
        return slotRow[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The logits of every act, summed in feature order so every machine gets the same floats. */
  float[] score(FeatureBuffer f) {
    float[] logits = bias.clone();
    int[] keys = f.key;
    int[] rows = f.row;
    for (int i = 0; i < f.size; i++) {
      int r = row(keys[i]);
      rows[i] = r;
      if (r >= 0) {
        int base = r * stride;
        for (int a = 0; a < stride; a++) {
          logits[a] += weights[base + a];
        }
      }
    }
    return logits;
  }

  /**
   * For each act found (in model order): the source spans of the utterance that carried it, as
   * {@code [count, from, to, from, to, …]}. Each n-gram's weight for the act is shared among the tokens it covers;
   * the tokens holding at least {@link #EVIDENCE_SHARE} of the strongest token's share are quoted, adjacent ones
   * merged into one run.
   */
  int[] evidence(long found, FeatureBuffer f, TokenStream t) {
    int[] out = new int[0];
    int length = 0;
    float[] share = new float[t.size];
    boolean[] covered = new boolean[t.size];
    for (int a = 0; a < k; a++) {
      if ((found & (1L << acts[a].ordinal())) == 0) {
        continue;
      }
      java.util.Arrays.fill(share, 0);
      for (int i = 0; i < f.size; i++) {
        if (f.row[i] >= 0 && f.first[i] >= 0) {
          float c = weights[f.row[i] * stride + a] / (f.last[i] - f.first[i] + 1);
          for (int tok = f.first[i]; tok <= f.last[i]; tok++) {
            share[tok] += c;
          }
        }
      }
      float top = 0;
      for (float v : share) {
        top = Math.max(top, v);
      }
      for (int tok = 0; tok < t.size; tok++) {
        covered[tok] = top > 0 && share[tok] >= EVIDENCE_SHARE * top;
      }
      int runs = 0;
      for (int tok = 0; tok < t.size; tok++) {
        if (covered[tok] && (tok == 0 || !covered[tok - 1])) {
          runs++;
        }
      }
      int need = length + 1 + 2 * runs;
      if (need > out.length) {
        out = java.util.Arrays.copyOf(out, Math.max(need, out.length * 2));
      }
      out[length++] = runs;
      for (int tok = 0; tok < t.size; tok++) {
        if (covered[tok] && (tok == 0 || !covered[tok - 1])) {
          int end = tok;
          while (end + 1 < t.size && covered[end + 1]) {
            end++;
          }
          out[length++] = t.from[tok];
          out[length++] = t.to[end];
        }
      }
    }
    return length == out.length ? out : java.util.Arrays.copyOf(out, length);
  }
}
