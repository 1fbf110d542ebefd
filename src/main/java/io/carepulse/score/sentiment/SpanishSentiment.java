package io.carepulse.score.sentiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Customer sentiment in Spanish from CarePulse's own lexicon (lexicon/es-valence.tsv) with VADER's way of combining
 * it, so a Spanish turn lands on the same scale as an English one: each valenced word or phrase, raised by boosters
 * ("muy", "tan") and capitals, flipped and damped by a negation in the three words before it ("no", "nunca", "sin"),
 * weighed ×0.5 before and ×1.5 after a contrast ("pero", "aunque", "sin embargo"), plus exclamation marks; the sum
 * normalised to [-1, 1] as VADER's compound. Accents are folded on both sides, because speech-to-text often drops
 * them. Thread-safe and deterministic. docs/score-model.md §3 "Spanish" says what it reads and what it does not.
 */
public final class SpanishSentiment implements TextSentiment {

  static final String RESOURCE = "/lexicon/es-valence.tsv";

  // VADER's constants (Hutto & Gilbert 2014), kept so both languages share one scale.
  private static final double BOOST = 0.293;
  private static final double CAPS = 0.733;
  private static final double NEGATION = -0.74;
  private static final double EXCLAMATION = 0.292;
  private static final double ALPHA = 15.0;
  private static final double INTENSITY_ALPHA = 9.0;
  private static final int MAX_MARKERS = 3;

  private static final Set<String> NEGATORS = Set.of("no", "nunca", "jamas", "tampoco", "ni", "sin", "nadie", "nada",
      "ningun", "ninguno", "ninguna");
  private static final Map<String, Double> BOOSTERS = Map.ofEntries(
      Map.entry("muy", BOOST), Map.entry("tan", BOOST), Map.entry("super", BOOST), Map.entry("re", BOOST),
      Map.entry("demasiado", BOOST), Map.entry("bastante", BOOST), Map.entry("realmente", BOOST),
      Map.entry("totalmente", BOOST), Map.entry("completamente", BOOST), Map.entry("absolutamente", BOOST),
      Map.entry("increiblemente", BOOST), Map.entry("sumamente", BOOST), Map.entry("extremadamente", BOOST),
      Map.entry("tremendamente", BOOST), Map.entry("muchisimo", BOOST), Map.entry("enormemente", BOOST),
      Map.entry("poco", -BOOST), Map.entry("algo", -BOOST), Map.entry("ligeramente", -BOOST),
      Map.entry("apenas", -BOOST), Map.entry("medio", -BOOST));
  private static final Set<String> CONTRASTS = Set.of("pero", "aunque");
  private static final Set<String> SWEARS = Set.of("mierda", "joder", "jodido", "jodida", "coño", "puta", "puto",
      "putada", "carajo", "chingado", "chingada", "pinche", "cabron", "cabrones", "hostia", "hostias", "maldito",
      "maldita", "maldicion", "cojones", "gilipollas", "pendejo", "pendejos", "verga");

  private static final class Holder {
    static final SpanishSentiment STANDARD = new SpanishSentiment(Lexicon.readSpanish(RESOURCE, SpanishSentiment::fold));
  }

  /** Entries by their first word, longest first. */
  private final Map<String, List<Map.Entry<List<String>, Double>>> byFirst = new HashMap<>();

  private SpanishSentiment(Map<List<String>, Double> entries) {
    entries.entrySet().stream()
        .sorted(Map.Entry.<List<String>, Double>comparingByKey((a, b) -> b.size() - a.size())
            .thenComparing(e -> String.join(" ", e.getKey())))
        .forEach(e -> byFirst.computeIfAbsent(e.getKey().get(0), k -> new ArrayList<>()).add(e));
  }

  public static SpanishSentiment standard() {
    return Holder.STANDARD;
  }

  /** Lower case with the acute accents and the diaeresis folded ("está" → "esta"); ñ stays a letter of its own. */
  public static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder out = null;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      char plain = switch (c) {
        case 'á', 'à' -> 'a';
        case 'é', 'è' -> 'e';
        case 'í', 'ì' -> 'i';
        case 'ó', 'ò' -> 'o';
        case 'ú', 'ù', 'ü' -> 'u';
        default -> c;
      };
      if (plain != c && out == null) {
        out = new StringBuilder(lower.length()).append(lower, 0, i);
      }
      if (out != null) {
        out.append(plain);
      }
    }
    return out == null ? lower : out.toString();
  }

  /** A word, whether it is in capitals, and the clause it is in (punctuation starts a new one). */
  private record Word(String folded, boolean upper, int clause) {
  }

  @Override
  public Sentiment analyze(String text) {
    if (text == null || text.isBlank()) {
      return Sentiment.NEUTRAL;
    }
    List<Word> words = words(text);
    if (words.isEmpty()) {
      return Sentiment.NEUTRAL;
    }
    long upper = words.stream().filter(Word::upper).count();
    boolean capsStandOut = upper > 0 && upper < words.size();
    int n = words.size();
    double[] valence = new double[n];
    boolean[] scored = new boolean[n];
    // The inner words of a phrase belong to its one item, as in English: they are not neutral words of their own.
    boolean[] inPhrase = new boolean[n];
    int contrastAt = -1;
    int caps = 0;
    int boosters = 0;
    int swears = 0;
    for (int i = 0; i < n; i++) {
      String w = words.get(i).folded();
      // The first contrast, as English takes its first "but".
      if (contrastAt < 0
          && (CONTRASTS.contains(w) || w.equals("sin") && i + 1 < n && words.get(i + 1).folded().equals("embargo"))) {
        contrastAt = i;
      }
      if (BOOSTERS.getOrDefault(w, 0.0) > 0) {
        boosters++;
      }
      if (SWEARS.contains(w)) {
        swears++;
      }
    }
    for (int i = 0; i < n; ) {
      Map.Entry<List<String>, Double> entry = entryAt(words, i);
      if (entry == null) {
        i++;
        continue;
      }
      int length = entry.getKey().size();
      double v = entry.getValue();
      if (capsStandOut && words.get(i).upper()) {
        v += Math.signum(v) * CAPS;
        caps++;
      }
      boolean negatedInside = length > 1 && NEGATORS.contains(entry.getKey().get(0));
      for (int back = 1; back <= 3 && i - back >= 0 && words.get(i - back).clause() == words.get(i).clause(); back++) {
        String before = words.get(i - back).folded();
        double boost = BOOSTERS.getOrDefault(before, 0.0);
        if (boost != 0) {
          v += Math.signum(v) * boost * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
        }
      }
      if (!negatedInside && negatedBefore(words, i)) {
        v *= NEGATION;
      }
      if (contrastAt >= 0) {
        v *= i < contrastAt ? 0.5 : i > contrastAt ? 1.5 : 1;
      }
      valence[i] = v;
      scored[i] = true;
      for (int k = 1; k < length; k++) {
        inPhrase[i + k] = true;
      }
      i += length;
    }
    double sum = 0;
    double positive = 0;
    double negative = 0;
    int neutral = 0;
    double max = 0;
    double lexical = 0;
    for (int i = 0; i < n; i++) {
      if (!scored[i]) {
        neutral += inPhrase[i] ? 0 : 1;
        continue;
      }
      sum += valence[i];
      positive += valence[i] > 0 ? valence[i] + 1 : 0;
      negative += valence[i] < 0 ? valence[i] - 1 : 0;
      max = Math.max(max, Math.abs(valence[i]));
      lexical += Math.abs(valence[i]);
    }
    double exclaim = EXCLAMATION * Math.min(4, text.chars().filter(c -> c == '!').count());
    if (sum != 0) {
      sum += Math.signum(sum) * exclaim;
    }
    double compound = sum == 0 ? 0 : Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));
    double total = positive + Math.abs(negative) + neutral;
    double emphasis = exclaim + CAPS * Math.min(caps, MAX_MARKERS) + BOOST * Math.min(boosters, MAX_MARKERS)
        + Math.min(swears, MAX_MARKERS);
    double e = 0.5 * (max + 0.5 * (lexical - max)) + emphasis;
    return new Sentiment(round(compound), round(positive / total), round(Math.abs(negative) / total),
        round(neutral / total), round(e / Math.sqrt(e * e + INTENSITY_ALPHA)));
  }

  /**
   * A negation among the three words before {@code i} in the same clause: "no hay problema" is fine, but in "No,
   * gracias" the "no" answers something else. "sin embargo" is a contrast, not a negation.
   */
  private static boolean negatedBefore(List<Word> words, int i) {
    for (int back = 1; back <= 3 && i - back >= 0 && words.get(i - back).clause() == words.get(i).clause(); back++) {
      String before = words.get(i - back).folded();
      if (NEGATORS.contains(before) && !(before.equals("sin") && words.get(i - back + 1).folded().equals("embargo"))) {
        return true;
      }
    }
    return false;
  }

  private Map.Entry<List<String>, Double> entryAt(List<Word> words, int i) {
    List<Map.Entry<List<String>, Double>> candidates = byFirst.get(words.get(i).folded());
    if (candidates == null) {
      return null;
    }
    for (Map.Entry<List<String>, Double> entry : candidates) {
      List<String> key = entry.getKey();
      if (i + key.size() > words.size()) {
        continue;
      }
      boolean match = true;
      // A phrase is said in one breath: "muy, bien" is not "muy bien".
      for (int k = 1; k < key.size() && match; k++) {
        Word next = words.get(i + k);
        match = next.clause() == words.get(i).clause() && key.get(k).equals(next.folded());
      }
      if (match) {
        return entry;
      }
    }
    return null;
  }

  /** Words are runs of letters and digits; "¿", "¡" and other punctuation separate them, and end a clause. */
  private static List<Word> words(String text) {
    List<Word> words = new ArrayList<>();
    int clause = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        if (",.;:!?¿¡()".indexOf(c) >= 0) {
          clause++;
        }
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      String raw = text.substring(start, i);
      boolean upper = raw.length() > 1 && raw.chars().allMatch(ch -> !Character.isLetter(ch) || Character.isUpperCase(ch))
          && raw.chars().anyMatch(Character::isLetter);
      words.add(new Word(fold(raw), upper, clause));
    }
    return words;
  }

  private static double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
