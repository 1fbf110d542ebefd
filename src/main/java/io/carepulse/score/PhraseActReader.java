package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in understanding layer of care-2: dialogue acts from a sectioned phrase list
 * (model/care-2-acts.txt), matched on whole tokens. It recognises the wording it was written against and little
 * else; the trained act classifiers replace it through {@link ActReader}. Three rules the list cannot say: a
 * back-channel is a short turn (at most three words), a question ends with "?" or opens with a question word, and a
 * customer's short turn with "when" or "how" asks what happens next.
 */
public final class PhraseActReader implements ActReader {

  public static final String STANDARD_RESOURCE = "/model/care-2-acts.txt";
  private static final UtteranceAct[] ACTS = UtteranceAct.values();
  private static final Set<String> QUESTION_OPENERS = Set.of(
      "what", "when", "where", "which", "who", "why", "how", "could", "can", "would", "do", "did", "is", "are",
      "have", "may", "shall", "should", "will");

  private record Phrase(int act, boolean cancels, String[] tokens, String text) {
  }

  /**
   * The phrases of one speaker that start with one token: the one-word ones, and the longer ones by their second
   * token, so that matching compares words only from the third on (cost grows with the utterance, not the list).
   */
  private record Starting(Phrase[] oneWord, Map<String, Phrase[]> bySecond) {
  }

  private final String id;
  private final Map<String, Starting> agent;
  private final Map<String, Starting> customer;

  private PhraseActReader(String id, Map<String, Starting> agent, Map<String, Starting> customer) {
    this.id = id;
    this.agent = agent;
    this.customer = customer;
  }

  private static final class Standard {
    static final PhraseActReader READER = fromResource(STANDARD_RESOURCE);
  }

  public static PhraseActReader standard() {
    return Standard.READER;
  }

  public static PhraseActReader fromResource(String resource) {
    return fromResource(resource, line -> line);
  }

  /** … each line first normalised by {@code normalise} (the Spanish list folds its accents, as its reader does). */
  static PhraseActReader fromResource(String resource, java.util.function.UnaryOperator<String> normalise) {
    try (InputStream in = PhraseActReader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("act phrases not found on the classpath: " + resource);
      }
      return parse("phrases:" + resource.substring(resource.lastIndexOf('/') + 1),
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), normalise);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PhraseActReader parse(String id, BufferedReader reader) throws IOException {
    return parse(id, reader, line -> line);
  }

  private static PhraseActReader parse(String id, BufferedReader reader,
                                       java.util.function.UnaryOperator<String> normalise) throws IOException {
    Map<String, List<Phrase>> byFirst = new HashMap<>();
    int act = -1;
    boolean cancels = false;
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String trimmed = normalise.apply(line).strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        String name = trimmed.substring(1, trimmed.length() - 1);
        cancels = name.startsWith("!");
        act = UtteranceAct.fromWire(cancels ? name.substring(1) : name).ordinal();
        continue;
      }
      if (act < 0) {
        throw new IllegalArgumentException("line " + number + ": phrase before any [section]");
      }
      List<String> tokens = Tokens.of(trimmed);
      if (!tokens.isEmpty()) {
        byFirst.computeIfAbsent(tokens.get(0), k -> new ArrayList<>())
            .add(new Phrase(act, cancels, tokens.toArray(String[]::new), String.join(" ", tokens)));
      }
    }
    return new PhraseActReader(id, index(byFirst, Speaker.AGENT), index(byFirst, Speaker.CUSTOMER));
  }

  private static Map<String, Starting> index(Map<String, List<Phrase>> byFirst, Speaker speaker) {
    Map<String, Starting> index = new HashMap<>();
    byFirst.forEach((first, phrases) -> {
      List<Phrase> oneWord = new ArrayList<>();
      Map<String, List<Phrase>> bySecond = new HashMap<>();
      for (Phrase phrase : phrases) {
        if (ACTS[phrase.act()].speaker() != speaker) {
          continue;
        }
        if (phrase.tokens().length == 1) {
          oneWord.add(phrase);
        } else {
          bySecond.computeIfAbsent(phrase.tokens()[1], k -> new ArrayList<>()).add(phrase);
        }
      }
      if (!oneWord.isEmpty() || !bySecond.isEmpty()) {
        Map<String, Phrase[]> sealed = new HashMap<>();
        bySecond.forEach((second, list) -> sealed.put(second, list.toArray(Phrase[]::new)));
        index.put(first, new Starting(oneWord.toArray(Phrase[]::new), sealed));
      }
    });
    return index;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public TurnActs read(Speaker speaker, String text, List<String> words) {
    List<String> tokens = withoutFillers(words);
    int n = tokens.size();
    int[] at = null;
    int[] length = null;
    Phrase[] hit = null;
    long cancelled = 0;
    int[] cancelTo = null;
    Map<String, Starting> index = speaker == Speaker.AGENT ? agent : customer;
    for (int i = 0; i < n; i++) {
      Starting starting = index.get(tokens.get(i));
      if (starting == null) {
        continue;
      }
      Phrase[] longer = i + 1 < n ? starting.bySecond().get(tokens.get(i + 1)) : null;
      for (int list = 0; list < 2; list++) {
        Phrase[] candidates = list == 0 ? starting.oneWord() : longer;
        if (candidates == null) {
          continue;
        }
        for (Phrase phrase : candidates) {
          if (list == 1 && !matchesAt(tokens, i, phrase.tokens())) {
            continue;
          }
          if (at == null) {
            at = new int[ACTS.length];
            length = new int[ACTS.length];
            hit = new Phrase[ACTS.length];
            cancelTo = new int[ACTS.length];
          }
          int a = phrase.act();
          if (phrase.cancels()) {
            cancelled |= 1L << a;
            cancelTo[a] = Math.max(cancelTo[a], i + phrase.tokens().length);
            if (hit[a] != null && at[a] == i) {
              hit[a] = null; // found at this token just before its carve-out
            }
            continue;
          }
          // A match that starts inside a carve-out does not count ("the system won't let me raise it" is no "let me
          // raise"); a later one in the same turn still can.
          if (i < cancelTo[a]) {
            continue;
          }
          if (hit[a] == null || at[a] == i && phrase.tokens().length > length[a]) {
            hit[a] = phrase;
            at[a] = i;
            length[a] = phrase.tokens().length;
          }
        }
      }
    }
    TurnActs.Builder acts = new TurnActs.Builder();
    if (hit != null) {
      for (int a = 0; a < ACTS.length; a++) {
        if (hit[a] == null) {
          continue;
        }
        if (ACTS[a] == UtteranceAct.BACKCHANNEL && n > 3) {
          continue;
        }
        acts.add(ACTS[a], hit[a].text(), 1.0);
      }
    }
    if (speaker == Speaker.AGENT && !acts.has(UtteranceAct.COMMITMENT) && (cancelled & COMMITMENT_BIT) == 0) {
      String action = firstPersonAction(tokens);
      if (action != null) {
        acts.add(UtteranceAct.COMMITMENT, action, 0.8);
      }
    }
    if (speaker == Speaker.AGENT && !acts.has(UtteranceAct.QUESTION) && isQuestion(text, tokens)) {
      acts.add(UtteranceAct.QUESTION, n > 3 ? String.join(" ", tokens.subList(0, 3)) + " …" : String.join(" ", tokens),
          1.0);
    }
    if (speaker == Speaker.CUSTOMER && !acts.has(UtteranceAct.ASKS_NEXT) && n <= 3
        && (tokens.contains("when") || tokens.contains("how"))) {
      // "When?", "Okay. How?": after an answer that gave no time or way, the customer asks for one.
      acts.add(UtteranceAct.ASKS_NEXT, String.join(" ", tokens), 1.0);
    }
    return acts.build();
  }

  private static final long COMMITMENT_BIT = 1L << UtteranceAct.COMMITMENT.ordinal();
  /** Words after "I'll" or "I've" that do not make an action: "I'll be honest", "I've got a question". */
  private static final Set<String> NOT_ACTIONS = Set.of("be", "have", "need", "just", "tell", "say", "admit", "get",
      "got", "been", "had", "never", "always", "no", "not", "ever", "heard", "seen", "noticed", "said", "asked", "hold",
      "wait", "leave", "let");
  private static final Set<String> DONE = Set.of("sent", "put", "made", "done", "set", "split", "kept", "built", "told",
      "found", "written", "paid", "rung");

  /**
   * A first-person action: "I'll" (or "I will", "we'll") followed by a verb, or "I've" / "I have" / "we've" followed
   * by a past participle ("I've linked", "I've sent"). Ownership is doing, in the first person.
   */
  private static String firstPersonAction(List<String> tokens) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String t = tokens.get(i);
      int next = i + 1;
      if ((t.equals("i") || t.equals("we")) && (tokens.get(next).equals("will") || tokens.get(next).equals("have"))
          && next + 1 < tokens.size()) {
        boolean future = tokens.get(next).equals("will");
        String verb = tokens.get(next + 1);
        if (future ? !NOT_ACTIONS.contains(verb) : isParticiple(verb)) {
          return t + " " + tokens.get(next) + " " + verb;
        }
        continue;
      }
      String verb = tokens.get(next);
      if ((t.equals("ill") || t.equals("well")) && !NOT_ACTIONS.contains(verb) && verb.length() > 1
          && (t.equals("ill") || i == 0 || !tokens.get(i - 1).equals("as"))) {
        if (t.equals("well") && (i + 2 >= tokens.size() || !verb.matches("[a-z]+") || verb.equals("i"))) {
          continue;
        }
        return t + " " + verb;
      }
      if ((t.equals("ive") || t.equals("weve")) && isParticiple(verb)) {
        return t + " " + verb;
      }
    }
    return null;
  }

  private static boolean isParticiple(String word) {
    return word.length() > 3 && word.endsWith("ed") && !NOT_ACTIONS.contains(word) || DONE.contains(word);
  }

  private static boolean isQuestion(String text, List<String> tokens) {
    return text != null && text.strip().endsWith("?")
        || tokens.size() >= 3 && QUESTION_OPENERS.contains(tokens.get(0));
  }

  /** Hesitation sounds speech recognition writes out: "no um i said" is "no i said". */
  private static final Set<String> FILLERS = Set.of("um", "umm", "uh", "uhm", "er", "erm");

  static List<String> withoutFillers(List<String> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (FILLERS.contains(tokens.get(i))) {
        List<String> kept = new ArrayList<>(tokens.size());
        for (String token : tokens) {
          if (!FILLERS.contains(token)) {
            kept.add(token);
          }
        }
        return kept;
      }
    }
    return tokens;
  }

  private static boolean matchesAt(List<String> tokens, int start, String[] phrase) {
    if (start + phrase.length > tokens.size()) {
      return false;
    }
    for (int j = 2; j < phrase.length; j++) {
      if (!phrase[j].equals(tokens.get(start + j))) {
        return false;
      }
    }
    return true;
  }
}
