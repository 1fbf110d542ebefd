package io.carepulse.acts;

import io.carepulse.protocol.Speaker;
import java.util.Arrays;

/**
 * One speaker's classifier laid out for speed: an open-addressing table from feature hash to row, and the rows'
 * weights in one flat array (row-major, one short per act, in units of {@link ActModelFile#SCALE}), so a feature
 * costs one probe and K integer additions. Integer sums are exact, so the decision is the same on every machine
 * and in every summation order, and equals what the model file says.
 */
final class SpeakerClassifier {

  /** A word is quoted as evidence when it carries at least this share of the act's strongest word. */
  static final float EVIDENCE_SHARE = 0.4f;

  final ActWeights source;
  final Speaker speaker;
  final Act[] acts;
  final int k;
  /** Per act, in weight units. */
  private final int[] bias;
  /** Per act: the smallest logit, in weight units, at which the act is found. */
  private final int[] cut;
  private final int[] slotKey;
  private final char[] slotRow;
  private final int mask;
  private final short[] weights;

  SpeakerClassifier(ActWeights w) {
    source = w;
    speaker = w.speaker();
    acts = w.acts().clone();
    k = acts.length;
    bias = new int[k];
    cut = new int[k];
    for (int a = 0; a < k; a++) {
      bias[a] = Math.toIntExact(ActModelFile.quantise(w.bias()[a]));
      double t = w.threshold()[a];
      cut[a] = (int) Math.ceil(Math.log(t / (1 - t)) / ActModelFile.SCALE - 1e-9);
    }
    int rows = w.keys().length;
    if (rows > Character.MAX_VALUE) {
      throw new IllegalArgumentException("at most " + (int) Character.MAX_VALUE + " feature rows per speaker: " + rows);
    }
    // load factor at most 2/3: short probe runs, and a table small enough to stay in cache
    int capacity = Integer.highestOneBit(Math.max(4, rows + rows / 2)) << 1;
    slotKey = new int[capacity];
    slotRow = new char[capacity];
    mask = capacity - 1;
    weights = new short[rows * k];
    for (int r = 0; r < rows; r++) {
      int key = w.keys()[r];
      int slot = spread(key) & mask;
      while (slotKey[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slotKey[slot] = key;
      slotRow[slot] = (char) r;
      for (int a = 0; a < k; a++) {
        long q = ActModelFile.quantise(w.weights()[r][a]);
        if (q < Short.MIN_VALUE || q > Short.MAX_VALUE) {
          throw new IllegalArgumentException("weight out of range (|w| > 32.767) in feature row " + r);
        }
        weights[r * k + a] = (short) q;
      }
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

  /** The logit of every act in weight units; each feature's row is noted in {@code f.row} for the evidence. */
  int[] score(FeatureBuffer f) {
    int[] logits = bias.clone();
    int[] keys = f.key;
    int[] rows = f.row;
    short[] w = weights;
    for (int i = 0; i < f.size; i++) {
      int r = row(keys[i]);
      rows[i] = r;
      if (r >= 0) {
        int base = r * logits.length;
        for (int a = 0; a < logits.length; a++) {
          logits[a] += w[base + a];
        }
      }
    }
    return logits;
  }

  /** The acts found, as a bit set over {@link Act#ordinal()}. */
  long found(int[] logits) {
    long found = 0;
    for (int a = 0; a < k; a++) {
      if (logits[a] >= cut[a]) {
        found |= 1L << acts[a].ordinal();
      }
    }
    return found;
  }

  /**
   * For each act found (in model order): the source spans of the utterance that carried it, as
   * {@code [count, from, to, from, to, …]}. Each n-gram's weight for the act is shared among the tokens it covers;
   * the tokens holding at least {@link #EVIDENCE_SHARE} of the strongest token's share are quoted, adjacent ones
   * merged into one run. {@code share} is scratch of at least {@code t.size} floats.
   */
  int[] evidence(long found, FeatureBuffer f, TokenStream t, float[] share) {
    int[] out = new int[8];
    int length = 0;
    int n = t.size;
    for (int a = 0; a < k; a++) {
      if ((found & (1L << acts[a].ordinal())) == 0) {
        continue;
      }
      Arrays.fill(share, 0, n, 0);
      for (int i = 0; i < f.size; i++) {
        if (f.row[i] >= 0 && f.first[i] >= 0) {
          float c = (float) weights[f.row[i] * k + a] / (f.last[i] - f.first[i] + 1);
          for (int tok = f.first[i]; tok <= f.last[i]; tok++) {
            share[tok] += c;
          }
        }
      }
      float top = 0;
      for (int tok = 0; tok < n; tok++) {
        top = Math.max(top, share[tok]);
      }
      float bar = top > 0 ? EVIDENCE_SHARE * top : Float.POSITIVE_INFINITY;
      int countAt = length;
      if (length + 1 > out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[length++] = 0;
      int tok = 0;
      while (tok < n) {
        if (share[tok] < bar) {
          tok++;
          continue;
        }
        int end = tok;
        while (end + 1 < n && share[end + 1] >= bar) {
          end++;
        }
        if (length + 2 > out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[length++] = t.from[tok];
        out[length++] = t.to[end];
        out[countAt]++;
        tok = end + 1;
      }
    }
    return length == out.length ? out : Arrays.copyOf(out, length);
  }
}
