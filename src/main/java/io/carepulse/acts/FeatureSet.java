package io.carepulse.acts;

import java.util.Arrays;

/**
 * Which features an act model reads from the normalised tokens: word n-grams up to {@code wordOrder} (with the
 * start and end of the utterance as words, so "right" alone differs from "right" in a sentence), character
 * n-grams of {@code charMin}..{@code charMax} inside each word (0 = none; they let a misrecognised word share
 * most of its features with the right one), and the utterance's length in words, bucketed. Every feature is a
 * 32-bit hash; the model keeps weights only for the hashes seen in training.
 *
 * <p>The trainer and the classifier extract features with this one class, so they cannot drift apart.
 */
public record FeatureSet(int wordOrder, int charMin, int charMax, boolean length) {

  private static final int UNIGRAM = 0x1b873593;
  private static final int BIGRAM = 0x85ebca6b;
  private static final int TRIGRAM = 0xc2b2ae35;
  private static final int LENGTH = 0x27d4eb2f;
  private static final int CHARS = 0x165667b1;
  private static final int START = 0x3c6ef372;
  private static final int END = 0xa54ff53a;

  /** The shipped default: word unigrams and bigrams, and the length. */
  public static final FeatureSet WORDS = new FeatureSet(2, 0, 0, true);

  public FeatureSet {
    if (wordOrder < 1 || wordOrder > 3) {
      throw new IllegalArgumentException("word n-gram order must be 1..3: " + wordOrder);
    }
    if (charMin != 0 && (charMin < 2 || charMax < charMin || charMax > 6)) {
      throw new IllegalArgumentException("character n-grams must be 2..6: " + charMin + "-" + charMax);
    }
  }

  /** {@code words=2 chars=3-5 length=true}: the line in a model file. */
  public String describe() {
    return "words=" + wordOrder + " chars=" + (charMin == 0 ? "0" : charMin + "-" + charMax) + " length=" + length;
  }

  public static FeatureSet parse(String description) {
    int words = 2;
    int charMin = 0;
    int charMax = 0;
    boolean length = false;
    for (String part : description.trim().split("\\s+")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("feature setting is not key=value: " + part);
      }
      switch (kv[0]) {
        case "words" -> words = Integer.parseInt(kv[1]);
        case "chars" -> {
          if (!kv[1].equals("0")) {
            String[] range = kv[1].split("-", 2);
            charMin = Integer.parseInt(range[0]);
            charMax = Integer.parseInt(range[range.length - 1]);
          }
        }
        case "length" -> length = Boolean.parseBoolean(kv[1]);
        default -> throw new IllegalArgumentException("unknown feature setting: " + kv[0]);
      }
    }
    return new FeatureSet(words, charMin, charMax, length);
  }

  /** The feature hashes of one utterance, in a fixed order; repeated features appear as often as they occur. */
  public int[] extract(String text) {
    TokenStream tokens = new TokenStream();
    Normaliser.normalise(text, tokens);
    FeatureBuffer features = new FeatureBuffer();
    extract(tokens, features);
    return Arrays.copyOf(features.key, features.size);
  }

  void extract(TokenStream t, FeatureBuffer out) {
    out.clear();
    int n = t.size;
    if (n == 0) {
      return;
    }
    int[] h = t.hash;
    for (int i = 0; i < n; i++) {
      out.add(mix(UNIGRAM, h[i]), i, i);
    }
    if (wordOrder >= 2) {
      out.add(mix(BIGRAM, START, h[0]), 0, 0);
      for (int i = 1; i < n; i++) {
        out.add(mix(BIGRAM, h[i - 1], h[i]), i - 1, i);
      }
      out.add(mix(BIGRAM, h[n - 1], END), n - 1, n - 1);
    }
    if (wordOrder >= 3 && n >= 2) {
      out.add(mix(TRIGRAM, START, h[0], h[1]), 0, 1);
      for (int i = 2; i < n; i++) {
        out.add(mix(TRIGRAM, h[i - 2], h[i - 1], h[i]), i - 2, i);
      }
      out.add(mix(TRIGRAM, h[n - 2], h[n - 1], END), n - 2, n - 1);
    }
    if (length) {
      out.add(mix(LENGTH, lengthBucket(n)), -1, -1);
    }
    if (charMin > 0) {
      for (int i = 0; i < n; i++) {
        charGrams(t, i, out);
      }
    }
  }

  /** N-grams of "&lt;word&gt;" (the word with its boundaries), skipping the whole padded word itself. */
  private void charGrams(TokenStream t, int token, FeatureBuffer out) {
    char[] c = t.chars;
    int from = t.charFrom[token];
    int len = t.length(token);
    if (c[from] == '#') {
      return;
    }
    int padded = len + 2;
    for (int size = charMin; size <= charMax && size < padded; size++) {
      for (int start = 0; start + size <= padded; start++) {
        int g = 0x811c9dc5 ^ size;
        for (int k = start; k < start + size; k++) {
          char ch = k == 0 ? '<' : k == padded - 1 ? '>' : c[from + k - 1];
          g = (g ^ ch) * 0x01000193;
        }
        out.add(mix(CHARS, g), token, token);
      }
    }
  }

  private static int lengthBucket(int words) {
    return words <= 3 ? words : words <= 6 ? 4 : words <= 12 ? 5 : 6;
  }

  private static int mix(int type, int a) {
    return nonZero(fmix(type ^ Integer.rotateLeft(a * 0xcc9e2d51, 15) * 0x1b873593));
  }

  private static int mix(int type, int a, int b) {
    int h = fmix(type ^ Integer.rotateLeft(a * 0xcc9e2d51, 15) * 0x1b873593);
    return nonZero(fmix(h * 5 + 0xe6546b64 ^ Integer.rotateLeft(b * 0xcc9e2d51, 15) * 0x1b873593));
  }

  private static int mix(int type, int a, int b, int c) {
    int h = fmix(type ^ Integer.rotateLeft(a * 0xcc9e2d51, 15) * 0x1b873593);
    h = fmix(h * 5 + 0xe6546b64 ^ Integer.rotateLeft(b * 0xcc9e2d51, 15) * 0x1b873593);
    return nonZero(fmix(h * 5 + 0xe6546b64 ^ Integer.rotateLeft(c * 0xcc9e2d51, 15) * 0x1b873593));
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** 0 marks an empty slot in the model's table. */
  private static int nonZero(int h) {
    return h == 0 ? 1 : h;
  }
}
