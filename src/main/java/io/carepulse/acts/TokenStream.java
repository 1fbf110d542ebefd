package io.carepulse.acts;

import java.util.Arrays;

/**
 * The normalised tokens of one utterance, written by {@link Normaliser} into reusable arrays: for each token its
 * hash, its characters, and the span of the source word it came from (so evidence can quote the utterance as
 * written). Not thread-safe; one per thread.
 */
final class TokenStream {

  int size;
  int[] hash = new int[32];
  /** Source span of token i in the utterance: [from, to). Tokens expanded from one word share its span. */
  int[] from = new int[32];
  int[] to = new int[32];
  char[] chars = new char[256];
  int[] charFrom = new int[33];

  /** Scratch for the word being read, and for the utterance's characters. */
  char[] word = new char[64];
  char[] text = new char[256];

  void clear() {
    size = 0;
    charFrom[0] = 0;
  }

  int length(int token) {
    return charFrom[token + 1] - charFrom[token];
  }

  boolean same(int a, int b) {
    if (hash[a] != hash[b] || length(a) != length(b)) {
      return false;
    }
    return Arrays.equals(chars, charFrom[a], charFrom[a + 1], chars, charFrom[b], charFrom[b + 1]);
  }

  void add(int tokenHash, char[] source, int offset, int length, int spanFrom, int spanTo) {
    if (size + 1 == hash.length) {
      int capacity = hash.length * 2;
      hash = Arrays.copyOf(hash, capacity);
      from = Arrays.copyOf(from, capacity);
      to = Arrays.copyOf(to, capacity);
      charFrom = Arrays.copyOf(charFrom, capacity + 1);
    }
    int at = charFrom[size];
    if (at + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, at + length));
    }
    for (int i = 0; i < length; i++) {
      chars[at + i] = source[offset + i];
    }
    hash[size] = tokenHash;
    from[size] = spanFrom;
    to[size] = spanTo;
    size++;
    charFrom[size] = at + length;
  }

  /** Drops the last token. */
  void pop() {
    size--;
  }

  String token(int i) {
    return new String(chars, charFrom[i], length(i));
  }

  char[] textOfAtLeast(int length) {
    if (text.length < length) {
      text = new char[Math.max(length, text.length * 2)];
    }
    return text;
  }

  char[] wordOfAtLeast(int length) {
    if (word.length < length) {
      word = new char[Math.max(length, word.length * 2)];
    }
    return word;
  }
}
