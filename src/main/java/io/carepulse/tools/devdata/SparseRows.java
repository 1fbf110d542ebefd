package io.carepulse.tools.devdata;

import java.util.Arrays;

/** Examples as sparse rows over a fixed vocabulary: feature counts, columns ascending within a row. */
final class SparseRows {

  final int rows;
  final int columns;
  final int[] start;
  final int[] column;
  final float[] value;

  private SparseRows(int rows, int columns, int[] start, int[] column, float[] value) {
    this.rows = rows;
    this.columns = columns;
    this.start = start;
    this.column = column;
    this.value = value;
  }

  /**
   * The rows of {@code features} (feature hashes per example, with repeats) over {@code vocabulary} (sorted
   * hashes, unsigned order); features outside the vocabulary are dropped.
   */
  static SparseRows of(int[][] features, int[] examples, int[] vocabulary) {
    int[] start = new int[examples.length + 1];
    int[] column = new int[16];
    float[] value = new float[16];
    int nnz = 0;
    int[] cols = new int[64];
    for (int r = 0; r < examples.length; r++) {
      int[] f = features[examples[r]];
      if (cols.length < f.length) {
        cols = new int[f.length];
      }
      int m = 0;
      for (int key : f) {
        int c = indexOf(vocabulary, key);
        if (c >= 0) {
          cols[m++] = c;
        }
      }
      Arrays.sort(cols, 0, m);
      for (int i = 0; i < m; ) {
        int j = i;
        while (j < m && cols[j] == cols[i]) {
          j++;
        }
        if (nnz == column.length) {
          column = Arrays.copyOf(column, nnz * 2);
          value = Arrays.copyOf(value, nnz * 2);
        }
        column[nnz] = cols[i];
        value[nnz] = j - i;
        nnz++;
        i = j;
      }
      start[r + 1] = nnz;
    }
    return new SparseRows(examples.length, vocabulary.length, start, column, value);
  }

  static int indexOf(int[] sortedUnsigned, int key) {
    int lo = 0;
    int hi = sortedUnsigned.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = Integer.compareUnsigned(sortedUnsigned[mid], key);
      if (cmp < 0) {
        lo = mid + 1;
      } else if (cmp > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The vocabulary of the given examples: hashes found in at least {@code minCount} of them, unsigned order. */
  static int[] vocabulary(int[][] features, int[] examples, int minCount) {
    int total = 0;
    for (int e : examples) {
      total += features[e].length;
    }
    long[] pairs = new long[total];
    int n = 0;
    for (int e : examples) {
      for (int key : features[e]) {
        pairs[n++] = (Integer.toUnsignedLong(key) << 20) | e;
      }
    }
    Arrays.sort(pairs, 0, n);
    int[] vocabulary = new int[16];
    int size = 0;
    int i = 0;
    while (i < n) {
      long key = pairs[i] >>> 20;
      int documents = 0;
      long lastExample = -1;
      while (i < n && pairs[i] >>> 20 == key) {
        long example = pairs[i] & 0xFFFFF;
        if (example != lastExample) {
          documents++;
          lastExample = example;
        }
        i++;
      }
      if (documents >= minCount) {
        if (size == vocabulary.length) {
          vocabulary = Arrays.copyOf(vocabulary, size * 2);
        }
        vocabulary[size++] = (int) key;
      }
    }
    return Arrays.copyOf(vocabulary, size);
  }
}
