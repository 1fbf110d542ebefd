package io.carepulse.score.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the analyser knows about words, keyed by dense word id: VADER's valences, boosters
 * and negations, the reference implementation's idiom tables, and (for the standard analyser)
 * CarePulse's contact-centre words and phrases. Immutable once built.
 */
final class Lexicon {

  static final String VADER_RESOURCE = "/lexicon/vader_lexicon.txt";
  static final String CONTACT_CENTRE_RESOURCE = "/lexicon/contact-centre.tsv";

  // Empirically derived by Hutto & Gilbert (2014); the reference implementation's constants.
  static final double B_INCR = 0.293;
  static final double B_DECR = -0.293;

  /** Marks an item that is a contact-centre phrase rather than a single vocabulary word. */
  static final int PHRASE = -2;

  private static final List<String> NEGATE = List.of(
      "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
      "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
      "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
      "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
      "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
      "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
      "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
      "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

  private static final Map<String, Double> BOOSTERS = boosters();

  /** The reference's SPECIAL_CASES that can match (its one-word keys never can). */
  private static final Map<String, Double> SPECIAL_CASES = Map.of(
      "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "bus stop", 0.0, "yeah right", -2.0,
      "kiss of death", -1.5, "to die for", 3.0, "beating heart", 3.1, "broken heart", -2.9);

  /** Swearing raises intensity on top of its valence; CarePulse's list, not VADER's. */
  private static final Set<String> SWEARS = Set.of(
      "fuck", "fucks", "fucked", "fucking", "fuckin", "fucker", "motherfucker", "shit", "shitty",
      "bullshit", "crap", "crappy", "damn", "damned", "dammit", "goddamn", "goddammit", "hell",
      "bloody", "bastard", "bastards", "ass", "asshole", "arse", "arsehole", "piss", "pissed",
      "bitch", "wtf", "ffs", "effing", "friggin", "frigging", "feck");

  final Vocabulary vocabulary;
  /** VADER valence per word id, NaN when the word is not a lexical item. */
  final double[] valence;
  /** Booster (positive) or dampener (negative) scalar per word id, 0 when neither. */
  final double[] booster;
  final boolean[] negation;
  final boolean[] swear;
  final int[][] specialCaseWords;
  final double[] specialCaseValues;
  final int[][] boosterBigramWords;
  final double[] boosterBigramValues;
  /** Contact-centre phrases by their first word id, longest first; null for the VADER-only lexicon. */
  final Phrase[][] phrasesByFirstWord;
  final boolean contactCentre;

  final int no;
  final int kind;
  final int of;
  final int or;
  final int nor;
  final int never;
  final int so;
  final int thisWord;
  final int without;
  final int doubt;
  final int least;
  final int at;
  final int very;
  final int but;

  record Phrase(int[] words, double valence) {
  }

  private Lexicon(Map<String, Double> words, List<Map.Entry<List<String>, Double>> phrases, boolean contactCentre) {
    this.contactCentre = contactCentre;
    vocabulary = new Vocabulary();
    words.keySet().forEach(vocabulary::intern);
    BOOSTERS.keySet().forEach(w -> Arrays.stream(w.split(" ")).forEach(vocabulary::intern));
    NEGATE.forEach(vocabulary::intern);
    SWEARS.forEach(vocabulary::intern);
    SPECIAL_CASES.keySet().forEach(w -> Arrays.stream(w.split(" ")).forEach(vocabulary::intern));
    phrases.forEach(p -> p.getKey().forEach(vocabulary::intern));
    no = vocabulary.intern("no");
    kind = vocabulary.intern("kind");
    of = vocabulary.intern("of");
    or = vocabulary.intern("or");
    nor = vocabulary.intern("nor");
    never = vocabulary.intern("never");
    so = vocabulary.intern("so");
    thisWord = vocabulary.intern("this");
    without = vocabulary.intern("without");
    doubt = vocabulary.intern("doubt");
    least = vocabulary.intern("least");
    at = vocabulary.intern("at");
    very = vocabulary.intern("very");
    but = vocabulary.intern("but");

    int size = vocabulary.size();
    valence = new double[size];
    Arrays.fill(valence, Double.NaN);
    words.forEach((w, v) -> valence[vocabulary.find(w)] = v);
    booster = new double[size];
    negation = new boolean[size];
    swear = new boolean[size];
    List<int[]> bigramWords = new ArrayList<>();
    List<Double> bigramValues = new ArrayList<>();
    BOOSTERS.forEach((w, v) -> {
      if (w.indexOf(' ') < 0) {
        booster[vocabulary.find(w)] = v;
      } else {
        bigramWords.add(ids(List.of(w.split(" "))));
        bigramValues.add(v);
      }
    });
    boosterBigramWords = bigramWords.toArray(int[][]::new);
    boosterBigramValues = bigramValues.stream().mapToDouble(Double::doubleValue).toArray();
    NEGATE.forEach(w -> negation[vocabulary.find(w)] = true);
    SWEARS.forEach(w -> swear[vocabulary.find(w)] = true);
    specialCaseWords = new int[SPECIAL_CASES.size()][];
    specialCaseValues = new double[SPECIAL_CASES.size()];
    int k = 0;
    for (var e : SPECIAL_CASES.entrySet()) {
      specialCaseWords[k] = ids(List.of(e.getKey().split(" ")));
      specialCaseValues[k++] = e.getValue();
    }

    if (contactCentre) {
      List<List<Phrase>> byFirst = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        byFirst.add(null);
      }
      for (var p : phrases) {
        int[] ids = ids(p.getKey());
        if (byFirst.get(ids[0]) == null) {
          byFirst.set(ids[0], new ArrayList<>());
        }
        byFirst.get(ids[0]).add(new Phrase(ids, p.getValue()));
      }
      phrasesByFirstWord = new Phrase[size][];
      for (int i = 0; i < size; i++) {
        List<Phrase> list = byFirst.get(i);
        if (list != null) {
          list.sort(Comparator.comparingInt((Phrase p) -> p.words().length).reversed());
          phrasesByFirstWord[i] = list.toArray(Phrase[]::new);
        }
      }
    } else {
      phrasesByFirstWord = null;
    }
  }

  private int[] ids(List<String> words) {
    return words.stream().mapToInt(vocabulary::find).toArray();
  }

  static Lexicon vader() {
    return new Lexicon(readVader(), List.of(), false);
  }

  static Lexicon withContactCentre() {
    Map<String, Double> words = readVader();
    List<Map.Entry<List<String>, Double>> phrases = new ArrayList<>();
    readContactCentre(CONTACT_CENTRE_RESOURCE, words, phrases);
    return new Lexicon(words, phrases, true);
  }

  /**
   * As the reference's make_lex_dict: word TAB mean valence, later duplicates win. Entries that
   * are not lower case or contain a space can never be looked up by the reference (it lowers
   * each whitespace-split token), so they are left out here too.
   */
  private static Map<String, Double> readVader() {
    Map<String, Double> words = new HashMap<>(16_384);
    for (String line : lines(VADER_RESOURCE)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] fields = trimmed.split("\t");
      String word = fields[0];
      if (!word.equals(lowerCase(word)) || word.chars().anyMatch(Character::isWhitespace)) {
        continue;
      }
      words.put(word, Double.parseDouble(fields[1]));
    }
    return words;
  }

  /** Reads CarePulse's lexicon: see the header of contact-centre.tsv for the format. */
  static void readContactCentre(String resource, Map<String, Double> words,
      List<Map.Entry<List<String>, Double>> phrases) {
    Map<List<String>, String> source = new HashMap<>();
    Map<List<String>, Double> seen = new LinkedHashMap<>();
    int lineNumber = 0;
    for (String line : lines(resource)) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\t+");
      String where = resource + ":" + lineNumber;
      if (fields.length != 2) {
        throw new IllegalStateException(where + ": expected 'phrase<TAB>valence', got '" + trimmed + "'");
      }
      String entry = fields[0].strip();
      if (!entry.equals(lowerCase(entry))) {
        throw new IllegalStateException(where + ": entries are written in lower case: '" + entry + "'");
      }
      double value;
      try {
        value = Double.parseDouble(fields[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalStateException(where + ": valence is not a number: '" + fields[1] + "'");
      }
      if (!(value >= -4.0 && value <= 4.0)) {
        throw new IllegalStateException(where + ": valence outside VADER's -4..+4 scale: " + value);
      }
      for (List<String> sequence : PhraseVariants.of(entry)) {
        Double earlier = seen.get(sequence);
        if (earlier != null && earlier != value) {
          throw new IllegalStateException(where + ": '" + String.join(" ", sequence)
              + "' already has valence " + earlier + " from " + source.get(sequence));
        }
        seen.put(sequence, value);
        source.put(sequence, where);
      }
    }
    seen.forEach((sequence, value) -> {
      if (sequence.size() == 1) {
        words.put(sequence.get(0), value);
      } else {
        phrases.add(Map.entry(sequence, value));
      }
    });
  }

  /** Lower case exactly as the tokeniser lowers text, char by char. */
  static String lowerCase(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }

  /**
   * The Spanish lexicon (SpanishSentiment): each entry's words, accents folded, to its valence. Lines are
   * {@code word or phrase TAB valence}; {@code #} starts a comment; a duplicate entry is an error.
   */
  static Map<List<String>, Double> readSpanish(String resource, java.util.function.UnaryOperator<String> fold) {
    Map<List<String>, Double> entries = new HashMap<>();
    int number = 0;
    for (String line : lines(resource)) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\t+");
      if (fields.length != 2) {
        throw new IllegalStateException(resource + ":" + number + ": expected word TAB valence");
      }
      List<String> words = List.of(fold.apply(fields[0]).split(" +"));
      if (entries.put(words, Double.parseDouble(fields[1])) != null) {
        throw new IllegalStateException(resource + ":" + number + ": duplicate entry " + fields[0]);
      }
    }
    return entries;
  }

  private static List<String> lines(String resource) {
    InputStream in = Lexicon.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("lexicon resource missing from the classpath: " + resource);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> b = new LinkedHashMap<>();
    for (String w : List.of("absolutely", "amazingly", "awfully", "completely", "considerable",
        "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely",
        "especially", "exceptional", "exceptionally", "extreme", "extremely", "fabulously",
        "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin",
        "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
        "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly",
        "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total",
        "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter",
        "utterly", "very")) {
      b.put(w, B_INCR);
    }
    for (String w : List.of("almost", "barely", "hardly", "just enough", "kind of", "kinda",
        "kindof", "kind-of", "less", "little", "marginal", "marginally", "occasional",
        "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of",
        "sorta", "sortof", "sort-of")) {
      b.put(w, B_DECR);
    }
    return b;
  }
}
