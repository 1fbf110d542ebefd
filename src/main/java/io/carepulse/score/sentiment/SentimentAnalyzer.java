package io.carepulse.score.sentiment;

/**
 * VADER sentiment (Hutto &amp; Gilbert 2014), ported from the rules of the reference
 * implementation cjhutto/vaderSentiment, plus CarePulse's contact-centre lexicon.
 *
 * <p>Thread-safe and deterministic; the lexicon is read once from the classpath when an analyser
 * is built. {@link #analyze} allocates only its result: tokens are lowered into a per-thread
 * buffer and looked up by char range, never as Strings. docs/sentiment.md describes the rules,
 * the deviations from the reference and how {@link Sentiment#intensity()} is computed.
 */
public final class SentimentAnalyzer implements TextSentiment {

  // Empirically derived by Hutto & Gilbert (2014); the reference implementation's constants.
  private static final double C_INCR = 0.733;
  private static final double N_SCALAR = -0.74;
  private static final double EXCLAMATION = 0.292;
  private static final double QUESTION = 0.18;
  private static final double QUESTION_FLOOD = 0.96;
  private static final double ALPHA = 15.0;

  // CarePulse's intensity constants: a first judgement, to be calibrated on labelled calls.
  private static final double INTENSITY_LEXICAL_WEIGHT = 0.5;
  private static final double INTENSITY_SWEAR = 1.0;
  private static final double INTENSITY_ALPHA = 9.0;
  private static final int INTENSITY_MAX_MARKERS = 3;
  private static final int SHOUTING_MIN_WORDS = 3;

  /** Texts longer than this get a throwaway buffer instead of growing the per-thread one. */
  private static final int CACHED_SCRATCH_CHARS = 4096;

  private static final boolean[] ASCII_PUNCTUATION = new boolean[128];

  static {
    // Python's string.punctuation, which the reference strips from both ends of each token.
    for (char c : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".toCharArray()) {
      ASCII_PUNCTUATION[c] = true;
    }
  }

  private static final class Holder {
    static final SentimentAnalyzer STANDARD = new SentimentAnalyzer(Lexicon.withContactCentre());
  }

  private static final class VaderHolder {
    static final SentimentAnalyzer VADER = new SentimentAnalyzer(Lexicon.vader());
  }

  private final Lexicon lexicon;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(256));

  private SentimentAnalyzer(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** VADER plus the contact-centre lexicon: what the live path uses. */
  public static SentimentAnalyzer standard() {
    return Holder.STANDARD;
  }

  /** The plain VADER port: the evaluation baseline. */
  public static SentimentAnalyzer vaderOnly() {
    return VaderHolder.VADER;
  }

  @Override
  public Sentiment analyze(String text) {
    if (text == null || text.isBlank()) {
      return Sentiment.NEUTRAL;
    }
    Scratch w = text.length() <= CACHED_SCRATCH_CHARS ? scratch.get() : new Scratch(text.length());
    w.ensure(text.length());
    tokenise(text, w);
    if (w.tokens == 0) {
      return Sentiment.NEUTRAL;
    }
    boolean capDifferential = w.upperTokens > 0 && w.upperTokens < w.tokens;
    formItems(w);
    int n = w.items;
    double[] s = w.sentiment;
    for (int i = 0; i < n; i++) {
      if (w.itemBooster[i] != 0.0) {
        s[i] = 0.0;
      } else if (i < n - 1 && w.itemWord[i] == lexicon.kind && w.itemWord[i + 1] == lexicon.of) {
        s[i] = 0.0;
      } else {
        s[i] = valence(w, i, capDifferential);
      }
    }
    double intensity = intensity(w, capDifferential);
    butCheck(w);
    return score(w, intensity);
  }

  private void tokenise(String text, Scratch w) {
    boolean normalise = lexicon.contactCentre;
    char[] low = w.lower;
    int length = text.length();
    int pos = 0;
    int out = 0;
    int t = 0;
    int upperTokens = 0;
    int exclamations = 0;
    int questions = 0;
    while (pos < length) {
      char c = text.charAt(pos);
      if (isSpace(c)) {
        pos++;
        continue;
      }
      int start = pos;
      while (pos < length && !isSpace(c = text.charAt(pos))) {
        if (c == '!') {
          exclamations++;
        } else if (c == '?') {
          questions++;
        }
        pos++;
      }
      int end = pos;
      int from = start;
      int to = end;
      while (from < to && isPunctuation(text.charAt(from), normalise)) {
        from++;
      }
      while (to > from && isPunctuation(text.charAt(to - 1), normalise)) {
        to--;
      }
      // The reference keeps the raw token when stripping leaves two characters or fewer, to
      // save emoticons such as ":)" and ":D" (and so also keeps "no." or "it." whole). For
      // transcripts the raw token is kept only when it is itself a lexicon entry.
      if (Character.codePointCount(text, from, to) <= 2
          && (!normalise || from == to || isKnownRaw(text, start, end, low, out))) {
        from = start;
        to = end;
      }
      boolean hasUpper = false;
      boolean hasLower = false;
      int letters = 0;
      int begin = out;
      for (int k = from; k < to; k++) {
        char ch = text.charAt(k);
        if (Character.isUpperCase(ch)) {
          hasUpper = true;
          letters++;
        } else if (Character.isLowerCase(ch) || Character.isTitleCase(ch)) {
          hasLower = true;
          letters++;
        }
        char lc = Character.toLowerCase(ch);
        if (normalise && (lc == '\u2019' || lc == '\u2018')) {
          lc = '\'';
        }
        low[out++] = lc;
      }
      int len = out - begin;
      int word = lexicon.vocabulary.find(low, begin, len);
      // Python's str.isupper(): at least one cased character and none in lower case.
      boolean upper = hasUpper && !hasLower;
      w.tokenWord[t] = word;
      w.tokenUpper[t] = upper;
      w.tokenLetters[t] = letters;
      w.tokenNegation[t] = (word >= 0 && lexicon.negation[word]) || containsNt(low, begin, len);
      if (upper) {
        upperTokens++;
      }
      t++;
    }
    w.tokens = t;
    w.upperTokens = upperTokens;
    w.exclamations = exclamations;
    w.questions = questions;
  }

  /** Turns tokens into lexical items: a matched contact-centre phrase becomes one item. */
  private void formItems(Scratch w) {
    Lexicon.Phrase[][] phrases = lexicon.phrasesByFirstWord;
    int items = 0;
    for (int t = 0; t < w.tokens; ) {
      int word = w.tokenWord[t];
      Lexicon.Phrase phrase = phrases != null && word >= 0 ? longestPhrase(phrases[word], w, t) : null;
      if (phrase != null) {
        int len = phrase.words().length;
        boolean upper = true;
        for (int k = t; k < t + len; k++) {
          upper &= w.tokenUpper[k];
        }
        w.itemWord[items] = Lexicon.PHRASE;
        w.itemValence[items] = phrase.valence();
        w.itemBooster[items] = 0.0;
        w.itemUpper[items] = upper;
        w.itemNegation[items] = false;
        t += len;
      } else {
        w.itemWord[items] = word;
        w.itemValence[items] = word >= 0 ? lexicon.valence[word] : Double.NaN;
        w.itemBooster[items] = word >= 0 ? lexicon.booster[word] : 0.0;
        w.itemUpper[items] = w.tokenUpper[t];
        w.itemNegation[items] = w.tokenNegation[t];
        t++;
      }
      items++;
    }
    w.items = items;
  }

  private static Lexicon.Phrase longestPhrase(Lexicon.Phrase[] candidates, Scratch w, int t) {
    if (candidates == null) {
      return null;
    }
    for (Lexicon.Phrase phrase : candidates) {
      int[] words = phrase.words();
      if (t + words.length > w.tokens) {
        continue;
      }
      int k = 1;
      while (k < words.length && w.tokenWord[t + k] == words[k]) {
        k++;
      }
      if (k == words.length) {
        return phrase;
      }
    }
    return null;
  }

  /** The reference's sentiment_valence for item i. */
  private double valence(Scratch w, int i, boolean capDifferential) {
    double lexical = w.itemValence[i];
    if (Double.isNaN(lexical)) {
      return 0.0;
    }
    int[] word = w.itemWord;
    int n = w.items;
    double v = lexical;
    // "no" before a lexical item negates that item rather than counting as negative itself.
    if (word[i] == lexicon.no && i != n - 1 && isLexical(w, i + 1)) {
      v = 0.0;
    }
    if ((i > 0 && word[i - 1] == lexicon.no)
        || (i > 1 && word[i - 2] == lexicon.no)
        || (i > 2 && word[i - 3] == lexicon.no && (word[i - 1] == lexicon.or || word[i - 1] == lexicon.nor))) {
      v = lexical * N_SCALAR;
    }
    if (w.itemUpper[i] && capDifferential) {
      v += v > 0 ? C_INCR : -C_INCR;
    }
    for (int back = 0; back < 3; back++) {
      int j = i - (back + 1);
      if (j >= 0 && !isLexical(w, j)) {
        double scalar = scalarIncDec(w, j, v, capDifferential);
        if (back == 1 && scalar != 0) {
          scalar *= 0.95;
        } else if (back == 2 && scalar != 0) {
          scalar *= 0.9;
        }
        v += scalar;
        v = negationCheck(w, v, back, i);
        if (back == 2) {
          v = specialIdiomsCheck(w, v, i);
        }
      }
    }
    return leastCheck(w, v, i);
  }

  private static boolean isLexical(Scratch w, int i) {
    return !Double.isNaN(w.itemValence[i]);
  }

  private static double scalarIncDec(Scratch w, int j, double v, boolean capDifferential) {
    double scalar = w.itemBooster[j];
    if (scalar == 0.0) {
      return 0.0;
    }
    if (v < 0) {
      scalar = -scalar;
    }
    if (w.itemUpper[j] && capDifferential) {
      scalar += v > 0 ? C_INCR : -C_INCR;
    }
    return scalar;
  }

  private double negationCheck(Scratch w, double v, int back, int i) {
    int[] word = w.itemWord;
    boolean[] negation = w.itemNegation;
    Lexicon x = lexicon;
    if (back == 0) {
      if (negation[i - 1]) {
        v *= N_SCALAR;
      }
    } else if (back == 1) {
      if (word[i - 2] == x.never && (word[i - 1] == x.so || word[i - 1] == x.thisWord)) {
        v *= 1.25;
      } else if (word[i - 2] == x.without && word[i - 1] == x.doubt) {
        // "without doubt" affirms: leave the valence as it is.
      } else if (negation[i - 2]) {
        v *= N_SCALAR;
      }
    } else {
      // As in the reference, the "so"/"this" test right before the word stands on its own: the
      // Python reads (never and (so or this)) or (so or this). Kept so published scores reproduce.
      if ((word[i - 3] == x.never && (word[i - 2] == x.so || word[i - 2] == x.thisWord))
          || (word[i - 1] == x.so || word[i - 1] == x.thisWord)) {
        v *= 1.25;
      } else if (word[i - 3] == x.without && (word[i - 2] == x.doubt || word[i - 1] == x.doubt)) {
        // "without a doubt": unchanged.
      } else if (negation[i - 3]) {
        v *= N_SCALAR;
      }
    }
    return v;
  }

  /** Only reached with i >= 3, as in the reference. */
  private double specialIdiomsCheck(Scratch w, double v, int i) {
    int[] word = w.itemWord;
    int n = w.items;
    double[] values = lexicon.specialCaseValues;
    // The reference tries these windows in this order and takes the first idiom found.
    int c = specialCase(word, i - 1, 2);
    if (c < 0) {
      c = specialCase(word, i - 2, 3);
    }
    if (c < 0) {
      c = specialCase(word, i - 2, 2);
    }
    if (c < 0) {
      c = specialCase(word, i - 3, 3);
    }
    if (c < 0) {
      c = specialCase(word, i - 3, 2);
    }
    if (c >= 0) {
      v = values[c];
    }
    if (n - 1 > i && (c = specialCase(word, i, 2)) >= 0) {
      v = values[c];
    }
    if (n - 1 > i + 1 && (c = specialCase(word, i, 3)) >= 0) {
      v = values[c];
    }
    // Booster bigrams such as "kind of" just before the word (the reference also tries a
    // trigram, but no booster has three words).
    int[][] bigrams = lexicon.boosterBigramWords;
    for (int b = 0; b < bigrams.length; b++) {
      if (matches(word, i - 3, 2, bigrams[b])) {
        v += lexicon.boosterBigramValues[b];
      }
    }
    for (int b = 0; b < bigrams.length; b++) {
      if (matches(word, i - 2, 2, bigrams[b])) {
        v += lexicon.boosterBigramValues[b];
      }
    }
    return v;
  }

  private int specialCase(int[] word, int from, int length) {
    int[][] cases = lexicon.specialCaseWords;
    for (int c = 0; c < cases.length; c++) {
      if (matches(word, from, length, cases[c])) {
        return c;
      }
    }
    return -1;
  }

  private static boolean matches(int[] word, int from, int length, int[] sequence) {
    if (sequence.length != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (word[from + k] != sequence[k]) {
        return false;
      }
    }
    return true;
  }

  private double leastCheck(Scratch w, double v, int i) {
    int[] word = w.itemWord;
    if (i > 1 && !isLexical(w, i - 1) && word[i - 1] == lexicon.least) {
      if (word[i - 2] != lexicon.at && word[i - 2] != lexicon.very) {
        v *= N_SCALAR;
      }
    } else if (i > 0 && !isLexical(w, i - 1) && word[i - 1] == lexicon.least) {
      v *= N_SCALAR;
    }
    return v;
  }

  /**
   * Contrastive "but": items before the first "but" count half, items after it half as much
   * again. The reference finds each item's position with list.index(value), which picks the
   * first equal value; here the position is the item's own (see docs/sentiment.md).
   */
  private void butCheck(Scratch w) {
    int n = w.items;
    int butAt = -1;
    for (int i = 0; i < n; i++) {
      if (w.itemWord[i] == lexicon.but) {
        butAt = i;
        break;
      }
    }
    if (butAt < 0) {
      return;
    }
    double[] s = w.sentiment;
    for (int i = 0; i < n; i++) {
      if (i < butAt) {
        s[i] *= 0.5;
      } else if (i > butAt) {
        s[i] *= 1.5;
      }
    }
  }

  private Sentiment score(Scratch w, double intensity) {
    double[] s = w.sentiment;
    int n = w.items;
    double sum = 0.0;
    double positive = 0.0;
    double negative = 0.0;
    int neutral = 0;
    for (int i = 0; i < n; i++) {
      double v = s[i];
      sum += v;
      if (v > 0) {
        positive += v + 1; // compensates for neutral words, which count 1 each
      } else if (v < 0) {
        negative += v - 1;
      } else {
        neutral++;
      }
    }
    double punctuation = punctuationEmphasis(w);
    if (sum > 0) {
      sum += punctuation;
    } else if (sum < 0) {
      sum -= punctuation;
    }
    double compound = normalise(sum, ALPHA);
    if (positive > -negative) {
      positive += punctuation;
    } else if (positive < -negative) {
      negative -= punctuation;
    }
    double total = positive - negative + neutral;
    return new Sentiment(compound, positive / total, Math.abs(negative) / total, neutral / total, intensity);
  }

  private static double punctuationEmphasis(Scratch w) {
    double exclamation = Math.min(w.exclamations, 4) * EXCLAMATION;
    double question = 0.0;
    if (w.questions > 1) {
      question = w.questions <= 3 ? w.questions * QUESTION : QUESTION_FLOOD;
    }
    return exclamation + question;
  }

  private static double normalise(double score, double alpha) {
    double norm = score / Math.sqrt(score * score + alpha);
    return Math.max(-1.0, Math.min(1.0, norm));
  }

  /**
   * Text-borne arousal: the strongest rule-adjusted item counts fully and the others half,
   * weighted by {@link #INTENSITY_LEXICAL_WEIGHT}; emphasis markers add VADER's own increments
   * (exclamation and question flooding, all-caps words, boosters) plus one point per swear word,
   * each kind capped; the total is squashed into [0, 1) like VADER's compound.
   */
  private double intensity(Scratch w, boolean capDifferential) {
    double max = 0.0;
    double sum = 0.0;
    for (int i = 0; i < w.items; i++) {
      double a = Math.abs(w.sentiment[i]);
      sum += a;
      max = Math.max(max, a);
    }
    double lexical = max + 0.5 * (sum - max);
    boolean shouting = !capDifferential && w.upperTokens == w.tokens && w.tokens >= SHOUTING_MIN_WORDS;
    int caps = 0;
    int boosters = 0;
    int swears = 0;
    for (int t = 0; t < w.tokens; t++) {
      int word = w.tokenWord[t];
      if ((capDifferential || shouting) && w.tokenUpper[t] && isEmphaticCaps(w, t)) {
        caps++;
      }
      if (word >= 0) {
        if (lexicon.booster[word] > 0) {
          boosters++;
        }
        if (lexicon.swear[word]) {
          swears++;
        }
      }
    }
    double emphasis = punctuationEmphasis(w)
        + C_INCR * Math.min(caps, INTENSITY_MAX_MARKERS)
        + Lexicon.B_INCR * Math.min(boosters, INTENSITY_MAX_MARKERS)
        + INTENSITY_SWEAR * Math.min(swears, INTENSITY_MAX_MARKERS);
    double e = INTENSITY_LEXICAL_WEIGHT * lexical + emphasis;
    return e / Math.sqrt(e * e + INTENSITY_ALPHA);
  }

  /**
   * Capitals are emphasis on words that carry feeling or on longer words; short all-caps tokens
   * that are neither ("PIN", "ATM", "ID") are acronyms in a support call, not shouting.
   */
  private boolean isEmphaticCaps(Scratch w, int t) {
    int letters = w.tokenLetters[t];
    if (letters < 2) {
      return false;
    }
    if (letters >= 4) {
      return true;
    }
    int word = w.tokenWord[t];
    return word >= 0 && (!Double.isNaN(lexicon.valence[word]) || lexicon.booster[word] != 0 || lexicon.negation[word]);
  }

  /** Whether the unstripped token, lowered into spare room after {@code out}, is a known word. */
  private boolean isKnownRaw(String text, int start, int end, char[] low, int out) {
    for (int k = start; k < end; k++) {
      low[out + k - start] = Character.toLowerCase(text.charAt(k));
    }
    return lexicon.vocabulary.find(low, out, end - start) >= 0;
  }

  /** Python's str.split() whitespace. */
  private static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
    }
    return c >= '\u0085' && (c == '\u0085' || Character.isSpaceChar(c));
  }

  private static boolean isPunctuation(char c, boolean typographic) {
    if (c < 128) {
      return ASCII_PUNCTUATION[c];
    }
    return typographic && (c == '\u2018' || c == '\u2019' || c == '\u201c' || c == '\u201d');
  }

  private static boolean containsNt(char[] low, int begin, int len) {
    for (int k = begin, end = begin + len - 2; k < end; k++) {
      if (low[k] == 'n' && low[k + 1] == '\'' && low[k + 2] == 't') {
        return true;
      }
    }
    return false;
  }

  /** Per-thread working arrays, sized for the longest text seen so far. */
  private static final class Scratch {
    char[] lower;
    int[] tokenWord;
    int[] tokenLetters;
    boolean[] tokenUpper;
    boolean[] tokenNegation;
    int[] itemWord;
    double[] itemValence;
    double[] itemBooster;
    boolean[] itemUpper;
    boolean[] itemNegation;
    double[] sentiment;
    int tokens;
    int upperTokens;
    int items;
    int exclamations;
    int questions;

    Scratch(int chars) {
      allocate(Math.max(chars, 16));
    }

    void ensure(int chars) {
      if (lower.length < chars) {
        allocate(Math.max(chars, lower.length * 2));
      }
    }

    private void allocate(int chars) {
      // Tokens are separated by whitespace, so there are at most (chars + 1) / 2 of them.
      int maxTokens = chars / 2 + 1;
      lower = new char[chars];
      tokenWord = new int[maxTokens];
      tokenLetters = new int[maxTokens];
      tokenUpper = new boolean[maxTokens];
      tokenNegation = new boolean[maxTokens];
      itemWord = new int[maxTokens];
      itemValence = new double[maxTokens];
      itemBooster = new double[maxTokens];
      itemUpper = new boolean[maxTokens];
      itemNegation = new boolean[maxTokens];
      sentiment = new double[maxTokens];
    }
  }
}
