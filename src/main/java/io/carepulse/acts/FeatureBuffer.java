package io.carepulse.acts;

import java.util.Arrays;

/** The features of one utterance: hash, the tokens it spans ({@code -1} for none), and its row in the model. */
final class FeatureBuffer {

  int size;
  int[] key = new int[128];
  int[] first = new int[128];
  int[] last = new int[128];
  int[] row = new int[128];

  void clear() {
    size = 0;
  }

  void add(int feature, int firstToken, int lastToken) {
    if (size == key.length) {
      int capacity = size * 2;
      key = Arrays.copyOf(key, capacity);
      first = Arrays.copyOf(first, capacity);
      last = Arrays.copyOf(last, capacity);
      row = Arrays.copyOf(row, capacity);
    }
    key[size] = feature;
    first[size] = firstToken;
    last[size] = lastToken;
    size++;
  }
}
