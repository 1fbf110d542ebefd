package io.carepulse.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Lower-case word tokens of a transcript. Apostrophes are dropped ("I'll" and "ill" become the same token)
 * because speech-to-text engines disagree on them; digits are kept so "24 hours" can match a next step.
 */
public final class Tokens {

  private Tokens() {
  }

  public static List<String> of(String text) {
    List<String> tokens = new ArrayList<>();
    if (text == null) {
      return tokens;
    }
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean verbatim = true;
      char c;
      while (i < length && isWordChar(c = text.charAt(i))) {
        verbatim &= c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
        i++;
      }
      // Most words are already lower case: take them as they stand instead of rebuilding them.
      String token = verbatim ? text.substring(start, i) : normalised(text, start, i);
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  private static String normalised(String text, int start, int end) {
    StringBuilder word = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (isLetterOrDigit(c)) {
        word.append(Character.toLowerCase(c));
      }
    }
    return word.toString();
  }

  /** Letters and digits make words; apostrophes sit inside them and are dropped; anything else separates. */
  private static boolean isWordChar(char c) {
    return isLetterOrDigit(c) || c == '\'' || c == '\u2019';
  }

  private static boolean isLetterOrDigit(char c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
    return Character.isLetterOrDigit(c);
  }
}
