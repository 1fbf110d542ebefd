package io.carepulse.acts;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps written text and speech-recognition text to the same token stream, so a classifier trained on one form
 * decides the same on the other. Speech recognition gives lower case without punctuation, spells contractions
 * with or without the apostrophe, writes numbers as words, and keeps fillers and false starts; written text has
 * case, punctuation and digits. So:
 * <ul>
 *   <li>case and punctuation go (a {@code ?} is not heard, so it cannot count);</li>
 *   <li>apostrophes go and contractions expand ({@code I'll}, {@code ill}, {@code i will} are all {@code i will};
 *       {@code ill} stays {@code ill} after {@code is}, {@code feel}, {@code very}…);</li>
 *   <li>fillers ({@code um}, {@code uh}, {@code er}…) go; listening sounds ({@code mm-hmm}, {@code mhm},
 *       {@code hmm}) become {@code mhm};</li>
 *   <li>an immediate repetition ("i i", "i can i can") is a false start and is said once;</li>
 *   <li>numbers, in digits or words, become {@code #num} (a run of them one {@code #num}); {@code 1} is
 *       {@code one}, {@code 1st}/{@code 2nd} are {@code first}/{@code second}, other ordinals {@code #ord};</li>
 *   <li>a few spelling variants meet: {@code thanks} = {@code thank you}, {@code ok} = {@code okay},
 *       {@code apologise} = {@code apologize}, {@code gonna} = {@code going to}.</li>
 * </ul>
 * Words like "like" and "you know" are not dropped: they are fillers only sometimes ("I'd like", "let you know"),
 * and the classifier learns what they are worth.
 */
public final class Normaliser {

  static final String NUMBER = "#num";
  static final String ORDINAL = "#ord";

  private static final int KEEP = 0;
  private static final int DROP = 1;
  private static final int REPLACE = 2;
  /** Replace only when the word was written with an apostrophe: "we'll" is "we will", "well" is "well". */
  private static final int REPLACE_IF_APOSTROPHE = 3;
  /** "ill": "i will" unless it follows a word that makes it the adjective. */
  private static final int ILL = 4;

  private static final Entry[] TABLE;
  private static final int MASK;

  private record Entry(char[] word, int hash, int kind, char[][] replacement, int[] replacementHashes) {
  }

  private static final char[] NUMBER_CHARS = NUMBER.toCharArray();
  private static final int NUMBER_HASH = hash(NUMBER_CHARS, 0, NUMBER_CHARS.length);
  private static final char[] ORDINAL_CHARS = ORDINAL.toCharArray();
  private static final int ORDINAL_HASH = hash(ORDINAL_CHARS, 0, ORDINAL_CHARS.length);
  private static final char[] ONE = "one".toCharArray();
  private static final char[] FIRST = "first".toCharArray();
  private static final char[] SECOND = "second".toCharArray();
  private static final char[] ILL_WORD = "ill".toCharArray();
  private static final char[][] I_WILL = {"i".toCharArray(), "will".toCharArray()};
  private static final int[] ILL_ADJECTIVE_AFTER;

  static {
    List<Entry> entries = new ArrayList<>();
    for (String filler : new String[] {"um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "ah", "ahh", "eh"}) {
      entries.add(entry(filler, DROP));
    }
    String[][] always = {
        {"im", "i am"}, {"ive", "i have"}, {"youre", "you are"}, {"youve", "you have"}, {"youll", "you will"},
        {"hes", "he is"}, {"shes", "she is"}, {"its", "it is"}, {"thats", "that is"}, {"whats", "what is"},
        {"wheres", "where is"}, {"theres", "there is"}, {"heres", "here is"}, {"hows", "how is"},
        {"whos", "who is"}, {"lets", "let us"}, {"theyre", "they are"}, {"theyve", "they have"},
        {"theyll", "they will"}, {"weve", "we have"}, {"dont", "do not"}, {"doesnt", "does not"},
        {"didnt", "did not"}, {"cant", "can not"}, {"cannot", "can not"}, {"wont", "will not"},
        {"isnt", "is not"}, {"arent", "are not"}, {"wasnt", "was not"}, {"werent", "were not"},
        {"havent", "have not"}, {"hasnt", "has not"}, {"hadnt", "had not"}, {"couldnt", "could not"},
        {"wouldnt", "would not"}, {"shouldnt", "should not"}, {"mustnt", "must not"}, {"aint", "is not"},
        {"itll", "it will"}, {"thatll", "that will"}, {"therell", "there will"}, {"youd", "you would"},
        {"shouldve", "should have"}, {"wouldve", "would have"}, {"couldve", "could have"},
        {"gonna", "going to"}, {"wanna", "want to"}, {"gotta", "got to"}, {"kinda", "kind of"},
        {"sorta", "sort of"}, {"yall", "you all"}, {"thanks", "thank you"}, {"thankyou", "thank you"},
        {"ok", "okay"}, {"okey", "okay"}, {"alright", "all right"}, {"yep", "yeah"}, {"yup", "yeah"},
        {"yea", "yeah"}, {"mm", "mhm"}, {"mmm", "mhm"}, {"hmm", "mhm"}, {"mmhmm", "mhm"}, {"mmhm", "mhm"},
        {"mhmm", "mhm"}, {"hm", "mhm"}, {"apologise", "apologize"}, {"apologised", "apologized"},
        {"apologises", "apologizes"}, {"apologising", "apologizing"},
        {"realise", "realize"}, {"realised", "realized"}, {"recognise", "recognize"},
        {"prioritise", "prioritize"}, {"organise", "organize"}, {"authorise", "authorize"},
        {"authorised", "authorized"}, {"cancelled", "canceled"}, {"cancelling", "canceling"}};
    for (String[] pair : always) {
      entries.add(entry(pair[0], REPLACE, pair[1]));
    }
    String[][] withApostrophe = {
        {"id", "i would"}, {"names", "name is"}, {"well", "we will"}, {"were", "we are"}, {"wed", "we would"}, {"hed", "he would"},
        {"shed", "she would"}, {"hell", "he will"}, {"shell", "she will"}, {"theyd", "they would"}};
    for (String[] pair : withApostrophe) {
      entries.add(entry(pair[0], REPLACE_IF_APOSTROPHE, pair[1]));
    }
    entries.add(entry("ill", ILL));
    for (String number : new String[] {"zero", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
        "thousand", "million"}) {
      entries.add(entry(number, REPLACE, NUMBER));
    }
    for (String ordinal : new String[] {"third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "twentieth"}) {
      entries.add(entry(ordinal, REPLACE, ORDINAL));
    }
    int capacity = Integer.highestOneBit(entries.size() * 4);
    TABLE = new Entry[capacity];
    MASK = capacity - 1;
    for (Entry e : entries) {
      int slot = e.hash & MASK;
      while (TABLE[slot] != null) {
        if (java.util.Arrays.equals(TABLE[slot].word, e.word)) {
          throw new IllegalStateException("duplicate normalisation entry " + new String(e.word));
        }
        slot = (slot + 1) & MASK;
      }
      TABLE[slot] = e;
    }
    String[] before = {"is", "am", "are", "was", "were", "be", "been", "being", "feel", "feeling", "feels", "felt",
        "very", "so", "really", "too", "quite", "became", "become", "fell", "seriously", "gets", "got", "getting",
        "terminally", "mentally", "chronically", "severely", "critically", "falls", "look", "looks", "looked"};
    ILL_ADJECTIVE_AFTER = new int[before.length];
    for (int i = 0; i < before.length; i++) {
      ILL_ADJECTIVE_AFTER[i] = hash(before[i].toCharArray(), 0, before[i].length());
    }
  }

  private Normaliser() {
  }

  private static Entry entry(String word, int kind, String... replacement) {
    char[] chars = word.toCharArray();
    char[][] tokens = new char[0][];
    if (replacement.length > 0) {
      String[] parts = replacement[0].split(" ");
      tokens = new char[parts.length][];
      for (int i = 0; i < parts.length; i++) {
        tokens[i] = parts[i].toCharArray();
      }
    }
    int[] hashes = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      hashes[i] = hash(tokens[i], 0, tokens[i].length);
    }
    return new Entry(chars, hash(chars, 0, chars.length), kind, tokens, hashes);
  }

  /** The normalised tokens of {@code text}, as strings: for tests, tools and documentation, not the fast path. */
  public static List<String> tokens(String text) {
    TokenStream stream = new TokenStream();
    normalise(text, stream);
    List<String> tokens = new ArrayList<>(stream.size);
    for (int i = 0; i < stream.size; i++) {
      tokens.add(stream.token(i));
    }
    return tokens;
  }

  /** FNV-1a over the characters: the token hash every feature is built from. */
  static int hash(char[] chars, int offset, int length) {
    int h = 0x811c9dc5;
    for (int i = offset; i < offset + length; i++) {
      h = (h ^ chars[i]) * 0x01000193;
    }
    return h;
  }

  static void normalise(String text, TokenStream out) {
    out.clear();
    if (text == null) {
      return;
    }
    int length = text.length();
    char[] word = out.wordOfAtLeast(length);
    char[] src = out.textOfAtLeast(length);
    text.getChars(0, length, src, 0);
    int i = 0;
    while (i < length) {
      int start = i;
      int n = 0;
      int h = 0x811c9dc5;
      boolean apostrophe = false;
      boolean digit = false;
      // one pass per word: lower-case into the buffer and hash as we go
      while (i < length) {
        char c = src[i];
        if (c < 128) {
          if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
            digit |= c <= '9';
          } else if (c >= 'A' && c <= 'Z') {
            c += 32;
          } else if (c == '\'' || c == '`') {
            apostrophe = true;
            i++;
            continue;
          } else if ((c == ',' || c == '.') && isInsideNumber(src, length, i)) {
            i++;
            continue;
          } else {
            break;
          }
        } else if (Character.isLetterOrDigit(c)) {
          c = Character.toLowerCase(c);
        } else if (c == '\u2019' || c == '\u2018') {
          apostrophe = true;
          i++;
          continue;
        } else {
          break;
        }
        word[n++] = c;
        h = (h ^ c) * 0x01000193;
        i++;
      }
      if (n > 0) {
        word(out, word, n, h, apostrophe, digit, start, i);
      } else if (i == start) {
        i++;
      }
    }
  }

  private static void word(TokenStream out, char[] word, int n, int h, boolean apostrophe, boolean digit, int from,
      int to) {
    if (digit) {
      number(out, word, n, from, to);
      return;
    }
    Entry entry = lookup(word, n, h);
    int kind = entry == null ? KEEP : entry.kind;
    if (kind == REPLACE_IF_APOSTROPHE && !apostrophe) {
      kind = KEEP;
    }
    if (kind == ILL && (apostrophe || !afterIllAdjectiveWord(out))) {
      emit(out, entryHash(I_WILL[0]), I_WILL[0], I_WILL[0].length, from, to);
      emit(out, entryHash(I_WILL[1]), I_WILL[1], I_WILL[1].length, from, to);
      return;
    }
    switch (kind) {
      case DROP -> {
      }
      case REPLACE, REPLACE_IF_APOSTROPHE -> {
        for (int k = 0; k < entry.replacement.length; k++) {
          emit(out, entry.replacementHashes[k], entry.replacement[k], entry.replacement[k].length, from, to);
        }
      }
      default -> emit(out, h, word, n, from, to);
    }
  }

  private static int entryHash(char[] token) {
    return hash(token, 0, token.length);
  }

  private static boolean afterIllAdjectiveWord(TokenStream out) {
    if (out.size == 0) {
      return false;
    }
    int previous = out.hash[out.size - 1];
    for (int h : ILL_ADJECTIVE_AFTER) {
      if (h == previous) {
        return true;
      }
    }
    return false;
  }

  private static void number(TokenStream out, char[] word, int n, int from, int to) {
    boolean allDigits = true;
    for (int k = 0; k < n; k++) {
      allDigits &= word[k] >= '0' && word[k] <= '9';
    }
    if (allDigits && n == 1 && word[0] == '1') {
      emit(out, entryHash(ONE), ONE, ONE.length, from, to);
      return;
    }
    if (!allDigits && n >= 3 && isOrdinalSuffix(word[n - 2], word[n - 1]) && onlyDigits(word, n - 2)) {
      if (n == 3 && word[0] == '1') {
        emit(out, entryHash(FIRST), FIRST, FIRST.length, from, to);
      } else if (n == 3 && word[0] == '2') {
        emit(out, entryHash(SECOND), SECOND, SECOND.length, from, to);
      } else {
        emit(out, ORDINAL_HASH, ORDINAL_CHARS, ORDINAL_CHARS.length, from, to);
      }
      return;
    }
    emit(out, NUMBER_HASH, NUMBER_CHARS, NUMBER_CHARS.length, from, to);
  }

  private static boolean isOrdinalSuffix(char a, char b) {
    return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h';
  }

  private static boolean onlyDigits(char[] word, int n) {
    for (int k = 0; k < n; k++) {
      if (word[k] < '0' || word[k] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds a token unless it completes an immediate repetition of the last one, two or three tokens ("i i",
   * "i can i can", "#num #num"): in speech that is a false start, absent from the written form of the sentence.
   */
  private static void emit(TokenStream out, int h, char[] chars, int length, int from, int to) {
    out.add(h, chars, 0, length, from, to);
    int size = out.size;
    for (int n = 1; n <= MAX_REPEAT; n++) {
      if (size >= 2 * n && repeats(out, size, n)) {
        out.to[size - n - 1] = to;
        for (int k = 0; k < n; k++) {
          out.pop();
        }
        return;
      }
    }
  }

  private static final int MAX_REPEAT = 3;

  private static boolean repeats(TokenStream out, int size, int n) {
    for (int k = 0; k < n; k++) {
      if (!out.same(size - 1 - k, size - 1 - n - k)) {
        return false;
      }
    }
    return true;
  }

  private static Entry lookup(char[] word, int n, int h) {
    int slot = h & MASK;
    Entry e;
    while ((e = TABLE[slot]) != null) {
      if (e.hash == h && e.word.length == n && java.util.Arrays.equals(e.word, 0, n, word, 0, n)) {
        return e;
      }
      slot = (slot + 1) & MASK;
    }
    return null;
  }

  /** "1,250.00" and "3.5" are one number: a comma or point between digits does not end the word. */
  private static boolean isInsideNumber(char[] text, int length, int i) {
    return i > 0 && i + 1 < length && isDigit(text[i - 1]) && isDigit(text[i + 1]);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
