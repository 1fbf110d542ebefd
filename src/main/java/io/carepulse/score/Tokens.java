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
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.append(Character.toLowerCase(c));
      } else if (c == '\'' || c == '\u2019') {
        continue;
      } else if (word.length() > 0) {
        tokens.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }
}
