package io.carepulse.acts;

import io.carepulse.protocol.Speaker;
import java.util.Arrays;

/**
 * A trained one-vs-rest logistic classifier for one speaker's acts: for act {@code k}, the logit of an utterance
 * is {@code bias[k] + Σ weights[f][k]} over its features {@code f} found in {@code keys} (unknown features count
 * nothing), and the act is found when its probability reaches {@code threshold[k]}.
 *
 * @param keys    feature hashes, ascending, unique
 * @param weights {@code weights[i]} are the per-act weights of {@code keys[i]}, in the order of {@code acts}
 */
public record ActWeights(Speaker speaker, Act[] acts, float[] bias, float[] threshold, int[] keys,
                         float[][] weights) {

  public ActWeights {
    int k = acts.length;
    if (bias.length != k || threshold.length != k || keys.length != weights.length) {
      throw new IllegalArgumentException("act weights of inconsistent size for " + speaker.wire());
    }
    for (Act act : acts) {
      if (act.speaker() != speaker) {
        throw new IllegalArgumentException(act.wire() + " is not a " + speaker.wire() + " act");
      }
    }
    for (int i = 0; i < keys.length; i++) {
      if (weights[i].length != k) {
        throw new IllegalArgumentException("feature row " + i + " has " + weights[i].length + " weights, not " + k);
      }
      if (i > 0 && Integer.compareUnsigned(keys[i - 1], keys[i]) >= 0) {
        throw new IllegalArgumentException("feature keys must be unique and ascending (unsigned) at row " + i);
      }
    }
    for (float t : threshold) {
      if (!(t > 0 && t < 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1): " + t);
      }
    }
  }

  public int index(Act act) {
    for (int i = 0; i < acts.length; i++) {
      if (acts[i] == act) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActWeights w && speaker == w.speaker && Arrays.equals(acts, w.acts)
        && Arrays.equals(bias, w.bias) && Arrays.equals(threshold, w.threshold) && Arrays.equals(keys, w.keys)
        && Arrays.deepEquals(weights, w.weights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keys) * 31 + Arrays.hashCode(acts);
  }

  @Override
  public String toString() {
    return "ActWeights[" + speaker.wire() + ", " + acts.length + " acts, " + keys.length + " features]";
  }
}
