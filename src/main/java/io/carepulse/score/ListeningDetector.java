package io.carepulse.score;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.Speaker;
import java.util.List;
import java.util.Set;

/**
 * Active listening, from words and timing only: restating the customer's own words, questions and back-channels
 * raise it; talking over the customer, monologues, dominating the talk time and dismissive language lower it.
 * Speaking too fast is passed on as a signal for coaching.
 */
final class ListeningDetector {

  /** Words too common to show that the agent took in what the customer said. */
  private static final Set<String> STOPWORDS = Set.of(
      "about", "after", "again", "also", "been", "before", "being", "could", "does", "doing", "dont", "from",
      "have", "having", "here", "into", "just", "know", "like", "make", "more", "much", "need", "only", "other",
      "over", "really", "right", "should", "some", "still", "such", "than", "that", "thats", "their", "them",
      "then", "there", "these", "they", "thing", "think", "this", "those", "very", "want", "well", "were", "what",
      "when", "where", "which", "while", "will", "with", "would", "your", "youre", "yeah", "okay", "sure", "thank",
      "thanks", "please", "going", "gonna", "cant", "didnt", "doesnt", "wasnt", "isnt", "because", "help");
  private static final Set<String> QUESTION_OPENERS = Set.of(
      "what", "when", "where", "which", "who", "why", "how", "could", "can", "would", "do", "did", "is", "are",
      "have", "may");

  /** How many earlier customer turns a repetition is looked for in. */
  private static final int MAX_REMEMBERED_TURNS = 10;
  /** Transcript segments shorter than this give too noisy a speaking rate to judge. */
  private static final long FAST_TURN_MIN_MS = 4000;

  private final double backchannelValue;
  private final double backchannelWeight;
  private final double restateValue;
  private final int restateMinWords;
  private final double questionValue;
  private final double questionWeight;
  private final double interruptionValue;
  private final double interruptionWeight;
  private final long overlapMs;
  private final long monologueMs;
  private final int monologueWords;
  private final double monologueValue;
  private final double dominanceShare;
  private final long dominanceMinMs;
  private final double dominanceValue;
  private final double dismissiveValue;
  private final double dismissiveWeight;
  private final double fastWordsPerMin;
  private final double fastTurnWordsPerMin;

  private final double customerRepeatedValue;
  private final double customerRepeatedWeight;
  private final int repeatMinWords;
  private final double repeatShare;
  /** Content words of the customer's earlier turns, newest last, to notice when they must say it again. */
  private final java.util.ArrayDeque<Set<String>> earlierCustomerWords = new java.util.ArrayDeque<>();

  private Turn restatedFrom;
  private long lastDominanceAtMs = Long.MIN_VALUE;
  private int fastWindows;

  ListeningDetector(ScoringModel model) {
    backchannelValue = model.number("listening.backchannelValue");
    backchannelWeight = model.number("listening.backchannelWeight");
    restateValue = model.number("listening.restateValue");
    restateMinWords = (int) model.number("listening.restateMinWords");
    questionValue = model.number("listening.questionValue");
    questionWeight = model.number("listening.questionWeight");
    interruptionValue = model.number("listening.interruptionValue");
    interruptionWeight = model.number("listening.interruptionWeight");
    overlapMs = model.millis("listening.overlapMs");
    monologueMs = model.millis("listening.monologueMs");
    monologueWords = (int) model.number("listening.monologueWords");
    monologueValue = model.number("listening.monologueValue");
    dominanceShare = model.number("listening.dominanceShare");
    dominanceMinMs = model.millis("listening.dominanceMinMs");
    dominanceValue = model.number("listening.dominanceValue");
    dismissiveValue = model.number("listening.dismissiveValue");
    dismissiveWeight = model.number("listening.dismissiveWeight");
    fastWordsPerMin = model.number("listening.fastWordsPerMin");
    fastTurnWordsPerMin = model.number("listening.fastTurnWordsPerMin");
    customerRepeatedValue = model.number("listening.customerRepeatedValue");
    customerRepeatedWeight = model.number("listening.customerRepeatedWeight");
    repeatMinWords = (int) model.number("listening.repeatMinWords");
    repeatShare = model.number("listening.repeatShare");
  }

  /** A short agent turn made only of listening sounds ("mm-hmm", "I see"). */
  static boolean isBackchannel(Turn turn) {
    return turn.words() > 0 && turn.words() <= 3 && turn.has(Cue.BACKCHANNEL) && !turn.has(Cue.COMMITMENT);
  }

  void agentTurn(Turn turn, Conversation conversation, Observations out) {
    Turn customer = conversation.lastCustomerTurn();
    if (customer != null && startedInside(turn, customer)) {
      interruption(turn, customer, out);
    }
    if (isBackchannel(turn)) {
      out.evidence(Part.LISTENING, backchannelValue, backchannelWeight, "backchannel", turn.ref(),
          "Agent signalled they were listening");
      return;
    }
    if (customer != null && customer != restatedFrom && sharedContentWords(turn, customer) >= restateMinWords) {
      restatedFrom = customer;
      out.evidence(Part.LISTENING, restateValue, 1.0, "restated_customer", List.of(customer.ref(), turn.ref()),
          "Agent restated the customer's own words");
    }
    if (isQuestion(turn)) {
      out.evidence(Part.LISTENING, questionValue, questionWeight, "asked_question", turn.ref(),
          "Agent asked a question");
    }
    if (turn.durationMs() >= monologueMs || turn.words() >= monologueWords) {
      out.evidence(Part.LISTENING, monologueValue, 1.0, "monologue", turn.ref(),
          "Agent spoke at length without letting the customer in");
      out.signal(Signal.Kind.MONOLOGUE);
    }
    if (turn.has(Cue.DISMISSIVE)) {
      out.evidence(Part.LISTENING, dismissiveValue, dismissiveWeight, "dismissive", turn.ref(),
          "Agent was dismissive: \"" + turn.cues().get(Cue.DISMISSIVE) + "\"");
    }
    dominance(turn, conversation, out);
    if (turn.durationMs() >= FAST_TURN_MIN_MS && turn.words() * 60000.0 / turn.durationMs() > fastTurnWordsPerMin) {
      out.signal(Signal.Kind.FAST_SPEECH);
    }
  }

  /**
   * A customer turn: was the agent already talking over it, and does the customer have to say again what they had
   * said before (in so many words, or "as I said")?
   */
  void customerTurn(Turn turn, Conversation conversation, Observations out) {
    Turn agent = conversation.lastAgentTurn();
    if (agent != null && startedInside(agent, turn)) {
      interruption(agent, turn, out);
    }
    Set<String> words = contentWords(turn);
    if (turn.has(Cue.NOT_HEARD) || repeatsEarlierTurn(words)) {
      out.evidence(Part.LISTENING, customerRepeatedValue, customerRepeatedWeight, "customer_repeated", turn.ref(),
          "Customer had to repeat themselves");
    }
    earlierCustomerWords.addLast(words);
    if (earlierCustomerWords.size() > MAX_REMEMBERED_TURNS) {
      earlierCustomerWords.removeFirst();
    }
  }

  /**
   * The content words a customer turn shares with one of their earlier turns when it says that turn again (at least
   * {@code listening.repeatMinWords} of them and {@code listening.repeatShare} of the turn), else null.
   */
  String restated(List<String> tokens) {
    Set<String> words = new java.util.TreeSet<>();
    for (String word : tokens) {
      if (isContentWord(word)) {
        words.add(word);
      }
    }
    if (!repeatsEarlierTurn(words)) {
      return null;
    }
    StringBuilder shared = new StringBuilder();
    for (String word : tokens) {
      if (words.remove(word) && earlierCustomerWords.stream().anyMatch(e -> e.contains(word))) {
        shared.append(shared.isEmpty() ? "" : " ").append(word);
      }
    }
    return shared.toString();
  }

  private boolean repeatsEarlierTurn(Set<String> words) {
    if (words.size() < repeatMinWords) {
      return false;
    }
    for (Set<String> earlier : earlierCustomerWords) {
      long shared = words.stream().filter(earlier::contains).count();
      if (shared >= repeatMinWords && shared >= repeatShare * words.size()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> contentWords(Turn turn) {
    Set<String> words = new java.util.HashSet<>();
    for (String word : turn.tokens()) {
      if (isContentWord(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static boolean isContentWord(String word) {
    return word.length() >= 4 && !STOPWORDS.contains(word);
  }

  /** The agent's speaking rate from audio: two fast windows in a row is fast speech, not a burst. */
  void agentAcoustic(Acoustic frame, Observations out) {
    if (frame.speaker() != Speaker.AGENT || frame.wordsPerMin() == null) {
      return;
    }
    fastWindows = frame.wordsPerMin() > fastWordsPerMin ? fastWindows + 1 : 0;
    if (fastWindows == 2) {
      out.signal(Signal.Kind.FAST_SPEECH);
    }
  }

  private void interruption(Turn agent, Turn customer, Observations out) {
    out.evidence(Part.LISTENING, interruptionValue, interruptionWeight, "interrupted_customer",
        List.of(customer.ref(), agent.ref()), "Agent started talking while the customer was still speaking");
    out.signal(Signal.Kind.INTERRUPTION);
  }

  /** True when the agent began at least overlapMs before the customer finished, and after the customer began. */
  private boolean startedInside(Turn agent, Turn customer) {
    return !isBackchannel(agent)
        && agent.startMs() > customer.startMs()
        && agent.startMs() < customer.endMs() - overlapMs;
  }

  private void dominance(Turn turn, Conversation conversation, Observations out) {
    long agentMs = conversation.agentTalkMs();
    long total = agentMs + conversation.customerTalkMs();
    if (total < dominanceMinMs || turn.endMs() - lastDominanceAtMs < dominanceMinMs) {
      return;
    }
    if ((double) agentMs / total > dominanceShare) {
      lastDominanceAtMs = turn.endMs();
      out.evidence(Part.LISTENING, dominanceValue, 1.0, "agent_dominates", turn.ref(),
          "Agent has done " + Math.round(100.0 * agentMs / total) + "% of the talking");
    }
  }

  static int sharedContentWords(Turn agent, Turn customer) {
    int shared = 0;
    for (String word : customer.tokens()) {
      if (isContentWord(word) && agent.tokens().contains(word)) {
        shared++;
      }
    }
    return shared;
  }

  private static boolean isQuestion(Turn turn) {
    return turn.text().strip().endsWith("?")
        || (!turn.tokens().isEmpty() && QUESTION_OPENERS.contains(turn.tokens().get(0)) && turn.words() >= 3);
  }
}
