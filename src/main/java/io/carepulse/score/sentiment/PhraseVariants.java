package io.carepulse.score.sentiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands one written contact-centre lexicon entry into every token sequence it stands for:
 * {@code speak|talk to a manager} gives two, and each contraction also matches without its
 * apostrophe and spelt out, so {@code i've} matches "I've", "ive" and "I have". Transcription
 * engines disagree on contractions, callers do not.
 */
final class PhraseVariants {

  /** An entry that expands past this is almost certainly a typo in the lexicon file. */
  static final int MAX_VARIANTS = 512;

  private PhraseVariants() {
  }

  static List<List<String>> of(String entry) {
    Set<List<String>> sequences = new LinkedHashSet<>();
    sequences.add(List.of());
    for (String written : entry.trim().split(" +")) {
      List<List<String>> choices = tokenChoices(written);
      Set<List<String>> longer = new LinkedHashSet<>();
      for (List<String> prefix : sequences) {
        for (List<String> choice : choices) {
          List<String> joined = new ArrayList<>(prefix);
          joined.addAll(choice);
          longer.add(List.copyOf(joined));
        }
      }
      if (longer.size() > MAX_VARIANTS) {
        throw new IllegalArgumentException("entry expands to more than " + MAX_VARIANTS + " phrases: " + entry);
      }
      sequences = longer;
    }
    return List.copyOf(sequences);
  }

  private static List<List<String>> tokenChoices(String written) {
    Set<List<String>> choices = new LinkedHashSet<>();
    // -1 keeps trailing empty strings: "speak|" has an empty alternative too, it is not "speak".
    for (String alternative : written.split("\\|", -1)) {
      if (alternative.isEmpty()) {
        throw new IllegalArgumentException("empty alternative in '" + written + "'");
      }
      choices.add(List.of(alternative));
      if (alternative.indexOf('\'') >= 0) {
        choices.add(List.of(alternative.replace("'", "")));
        choices.addAll(spelledOut(alternative));
      }
    }
    return List.copyOf(choices);
  }

  private static List<List<String>> spelledOut(String contraction) {
    switch (contraction) {
      case "can't":
        return List.of(List.of("can", "not"), List.of("cannot"));
      case "won't":
        return List.of(List.of("will", "not"));
      case "shan't":
        return List.of(List.of("shall", "not"));
      case "ain't":
        return List.of(List.of("is", "not"), List.of("am", "not"), List.of("are", "not"));
      default:
        break;
    }
    if (contraction.endsWith("n't")) {
      return List.of(List.of(stem(contraction, 3), "not"));
    }
    if (contraction.endsWith("'ve")) {
      return List.of(List.of(stem(contraction, 3), "have"));
    }
    if (contraction.endsWith("'re")) {
      return List.of(List.of(stem(contraction, 3), "are"));
    }
    if (contraction.endsWith("'ll")) {
      return List.of(List.of(stem(contraction, 3), "will"));
    }
    if (contraction.endsWith("'m")) {
      return List.of(List.of(stem(contraction, 2), "am"));
    }
    if (contraction.endsWith("'d")) {
      return List.of(List.of(stem(contraction, 2), "would"), List.of(stem(contraction, 2), "had"));
    }
    if (contraction.endsWith("'s")) {
      return List.of(List.of(stem(contraction, 2), "is"), List.of(stem(contraction, 2), "has"));
    }
    return List.of();
  }

  private static String stem(String contraction, int suffixLength) {
    return contraction.substring(0, contraction.length() - suffixLength);
  }
}
