package io.carepulse.score.sentiment;

/**
 * Lower-case words to dense ids, looked up straight from a slice of a char buffer so that the
 * live path never builds a String per token. Open addressing with linear probing; read-only once
 * the lexicon is built, hence safe to share between threads.
 */
final class Vocabulary {

  static final int ABSENT = -1;

  private String[] keys = new String[1 << 14];
  private int[] hashes = new int[1 << 14];
  private int[] ids = new int[1 << 14];
  private int size;

  int size() {
    return size;
  }

  /** The id of {@code word}, adding it if new. */
  int intern(String word) {
    int h = hash(word);
    int mask = keys.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key == null) {
        keys[slot] = word;
        hashes[slot] = h;
        ids[slot] = size;
        size++;
        if (size * 2 > keys.length) {
          grow();
        }
        return size - 1;
      }
      if (hashes[slot] == h && key.equals(word)) {
        return ids[slot];
      }
    }
  }

  int find(String word) {
    return find(word.toCharArray(), 0, word.length());
  }

  /** The id of the word in {@code buf[off, off + len)}, or {@link #ABSENT}. */
  int find(char[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int mask = keys.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key == null) {
        return ABSENT;
      }
      if (hashes[slot] == h && sameChars(key, buf, off, len)) {
        return ids[slot];
      }
    }
  }

  private static boolean sameChars(String key, char[] buf, int off, int len) {
    if (key.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (key.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    int[] oldIds = ids;
    keys = new String[oldKeys.length * 2];
    hashes = new int[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = oldHashes[i] & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        hashes[slot] = oldHashes[i];
        ids[slot] = oldIds[i];
      }
    }
  }

  private static int hash(String word) {
    return mix(word.hashCode());
  }

  private static int hash(char[] buf, int off, int len) {
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + buf[i];
    }
    return mix(h);
  }

  private static int mix(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9;
  }
}
