package io.carepulse.score;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The phrases behind each {@link Cue}, read from a sectioned text resource, matched on whole tokens.
 * Matching is one pass over the tokens with candidates indexed by their first token, so its cost grows with the
 * utterance, not with the size of the book.
 */
public final class PhraseBook {

  private static final int CUES = Cue.values().length;

  private final Map<String, List<Phrase>> byFirstToken = new HashMap<>();
  private Map<String, Candidates> index = Map.of();

  private record Phrase(Cue cue, String[] tokens, String text) {
  }

  /**
   * The phrases that start with one token, narrowed by the token after it: {@code bySecond} holds, for each second
   * token, the one-word phrases and the phrases with that second word, in book order; {@code oneWord} the one-word
   * phrases alone. A phrase left out could not have matched, so matching sees the same candidates in the same order
   * as a scan of all of them, without comparing dozens of "i ..." phrases word by word.
   */
  private record Candidates(Phrase[] oneWord, Map<String, Phrase[]> bySecond) {

    static Candidates of(List<Phrase> phrases) {
      Map<String, List<Phrase>> bySecond = new HashMap<>();
      for (Phrase phrase : phrases) {
        if (phrase.tokens().length > 1) {
          bySecond.putIfAbsent(phrase.tokens()[1], new ArrayList<>());
        }
      }
      List<Phrase> oneWord = new ArrayList<>();
      for (Phrase phrase : phrases) {
        if (phrase.tokens().length == 1) {
          oneWord.add(phrase);
          bySecond.values().forEach(list -> list.add(phrase));
        } else {
          bySecond.get(phrase.tokens()[1]).add(phrase);
        }
      }
      Map<String, Phrase[]> sealed = new HashMap<>();
      bySecond.forEach((second, list) -> sealed.put(second, list.toArray(Phrase[]::new)));
      return new Candidates(oneWord.toArray(Phrase[]::new), sealed);
    }

    Phrase[] at(List<String> tokens, int i) {
      if (i + 1 < tokens.size()) {
        Phrase[] narrowed = bySecond.get(tokens.get(i + 1));
        if (narrowed != null) {
          return narrowed;
        }
      }
      return oneWord;
    }
  }

  public static PhraseBook fromResource(String resource) {
    try (InputStream in = PhraseBook.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("phrase book not found on the classpath: " + resource);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PhraseBook parse(BufferedReader reader) throws IOException {
    PhraseBook book = new PhraseBook();
    Cue section = null;
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        section = Cue.fromSection(trimmed.substring(1, trimmed.length() - 1));
        continue;
      }
      if (section == null) {
        throw new IllegalArgumentException("line " + number + ": phrase before any [section]");
      }
      book.add(section, trimmed);
    }
    book.seal();
    return book;
  }

  private void add(Cue cue, String text) {
    List<String> tokens = Tokens.of(text);
    if (tokens.isEmpty()) {
      return;
    }
    byFirstToken.computeIfAbsent(tokens.get(0), k -> new ArrayList<>())
        .add(new Phrase(cue, tokens.toArray(String[]::new), String.join(" ", tokens)));
  }

  private void seal() {
    Map<String, Candidates> sealed = new HashMap<>();
    byFirstToken.forEach((first, phrases) -> sealed.put(first, Candidates.of(phrases)));
    index = sealed;
  }

  /**
   * Every cue found in the tokens, with the phrase that matched it first; where several phrases of a cue start at
   * that word, the longest ("i understand how frustrating" rather than "i understand").
   */
  public Map<Cue, String> match(List<String> tokens) {
    Map<Cue, String> hits = new EnumMap<>(Cue.class);
    int[] hitAt = new int[CUES];
    int[] hitLength = new int[CUES];
    for (int i = 0; i < tokens.size(); i++) {
      Candidates starting = index.get(tokens.get(i));
      if (starting == null) {
        continue;
      }
      for (Phrase phrase : starting.at(tokens, i)) {
        int cue = phrase.cue().ordinal();
        boolean free = hitLength[cue] == 0 || hitAt[cue] == i && phrase.tokens().length > hitLength[cue];
        if (free && matchesAt(tokens, i, phrase.tokens())) {
          hits.put(phrase.cue(), phrase.text());
          hitAt[cue] = i;
          hitLength[cue] = phrase.tokens().length;
        }
      }
    }
    return hits;
  }

  private static boolean matchesAt(List<String> tokens, int start, String[] phrase) {
    if (start + phrase.length > tokens.size()) {
      return false;
    }
    for (int j = 1; j < phrase.length; j++) {
      if (!phrase[j].equals(tokens.get(start + j))) {
        return false;
      }
    }
    return true;
  }
}
