package io.carepulse.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The languages a model reads customer emotion in: its {@code emotion.locales} (primary language subtags, comma
 * separated; {@code en} when the file names none). A call's BCP 47 locale matches by its primary subtag, so
 * {@code en-GB} and {@code en-US} are both English.
 */
record EmotionLocales(Set<String> languages) {

  static final String DEFAULT = "en";
  static final String SPANISH = "es";
  /** The languages CarePulse has resources for: VADER and care-2-acts.txt; es-valence.tsv and care-2-acts-es.txt. */
  static final Set<String> READABLE = Set.of(DEFAULT, SPANISH);

  /** Throws, naming the language, when the model lists one there are no resources to read. */
  static EmotionLocales of(ScoringModel model) {
    EmotionLocales locales = new EmotionLocales(Arrays.stream(model.text("emotion.locales", DEFAULT).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet()));
    for (String language : locales.languages()) {
      if (!READABLE.contains(language)) {
        throw new IllegalArgumentException("model " + model.id() + ": emotion.locales names " + language
            + ", which CarePulse has no lexicon or act phrases for (it reads en, es)");
      }
    }
    return locales;
  }

  boolean supports(String locale) {
    return languages.contains(language(locale));
  }

  /** The primary language subtag, lower case: "fr" of "fr-CA" (and of "fr_CA", a common slip). */
  static String language(String locale) {
    String tag = locale == null ? DEFAULT : locale;
    int end = 0;
    while (end < tag.length() && tag.charAt(end) != '-' && tag.charAt(end) != '_') {
      end++;
    }
    return tag.substring(0, end).toLowerCase(Locale.ROOT);
  }
}
