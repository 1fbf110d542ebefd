package io.carepulse.score;

import io.carepulse.protocol.Acoustic;
import io.carepulse.score.sentiment.Sentiment;
import io.carepulse.score.sentiment.TextSentiment;

/**
 * care-2's customer emotion: how the customer feels, as a state that changes when the customer says something (or
 * an emotion engine reports), never because time passes. Word valence is corrected by what the turn does: sarcasm
 * turns positive words negative, frustration, resignation, feeling unheard or having called before pull it down,
 * sincere gratitude and relief lift it. A negative state persists until something resolves it: while it is
 * unresolved, neutral turns ("okay", "fine hang on") barely count, so quiet after anger is not calm; a resolving act
 * of the agent (a commitment, a next step, an alternative) or a positive turn of the customer resolves it.
 *
 * <p>Evidence decays by turns, weighted: a turn of weight w multiplies the weight of everything before it by
 * {@code turnDecay^w}, so a low-weight "okay" hardly ages the anger before it.
 */
final class CustomerState {

  private static final UtteranceAct[] NEGATIVE_ACTS = {UtteranceAct.CHURN_THREAT, UtteranceAct.ESCALATION,
      UtteranceAct.FRUSTRATION, UtteranceAct.SARCASM, UtteranceAct.UNHEARD, UtteranceAct.RESIGNATION,
      UtteranceAct.REPEAT_CONTACT, UtteranceAct.ANXIETY, UtteranceAct.CONFUSION};

  /** The language the customer's words are read in: English unless the call's locale says otherwise. */
  private TextSentiment analyzer;
  private java.util.Set<String> continuers = CONTINUERS;
  private java.util.function.UnaryOperator<String> normalise = token -> token;
  private final double prior;
  /** Where the mood starts: the model's prior, or what the customer's earlier calls say (CallerHistory). */
  private double start;
  private final double priorWeight;
  private final double neutralBand;
  private final double neutralWeight;
  private final double unresolvedNeutralWeight;
  private final double unresolvedPositiveCap;
  private final double turnDecay;
  private final double arousalBase;
  private final double arousalGain;
  private final double acousticWeight;
  private final double externalWeight;
  private final double externalDefaultConfidence;
  private final double partialWeight;
  private final double resolvedDecay;
  private final double lowMood;
  private final double[] actValence = new double[UtteranceAct.values().length];

  private final RunningBaseline loudness = new RunningBaseline();
  private final RunningBaseline pitch = new RunningBaseline();
  private double acousticArousalSum;
  private int acousticArousalCount;

  private double negativeSum;
  private double negativeWeight;
  private double otherSum;
  private double otherWeight;
  private double levelSum;
  private double levelWeight;
  private double trough = Double.NaN;
  private boolean unresolved;
  /** The agent did something about the unresolved upset; it resolves only if the customer's next turn accepts it. */
  private boolean offered;
  private boolean lowEpisode;
  private int turns;
  private Provisional provisional;

  /** A partial customer utterance's reading, shown until its final decides. */
  record Provisional(double value, double weight, String frame) {
  }

  /** One reading of a customer turn: the corrected valence and arousal, the 0–100 value and why. */
  record Reading(double valence, double arousal, double value, double weight, String rule, String text,
                 boolean accepts) {
  }

  CustomerState(ScoringModel model, TextSentiment analyzer) {
    this.analyzer = analyzer;
    prior = model.prior(Part.EMOTION);
    start = prior;
    priorWeight = model.number("emotion.priorWeight");
    neutralBand = model.number("emotion.neutralBand");
    neutralWeight = model.number("emotion.neutralWeight");
    unresolvedNeutralWeight = model.number("emotion.unresolvedNeutralWeight");
    // A model file fitted before iteration 7 has no cap: it keeps scoring as it did.
    unresolvedPositiveCap = model.number("emotion.unresolvedPositiveCap", 1.0);
    turnDecay = model.number("emotion.turnDecay");
    arousalBase = model.number("emotion.arousalBase");
    arousalGain = model.number("emotion.arousalGain");
    acousticWeight = model.number("emotion.acousticWeight");
    externalWeight = model.number("emotion.externalWeight");
    externalDefaultConfidence = model.number("emotion.externalDefaultConfidence");
    partialWeight = model.number("emotion.partialWeight");
    resolvedDecay = model.number("emotion.resolvedDecay");
    lowMood = model.number("recovery.lowMood");
    for (UtteranceAct act : UtteranceAct.values()) {
      if (act == UtteranceAct.TURNAROUND) {
        // Added in iteration 8: a model file from before it has no setting and gives the act no valence of its own.
        actValence[act.ordinal()] = model.number("emotion.act.turnaround", 0);
      } else if (act.speaker() == io.carepulse.protocol.Speaker.CUSTOMER && act != UtteranceAct.ASKS_NEXT) {
        actValence[act.ordinal()] = model.number("emotion.act." + act.wire());
      }
    }
    if (turnDecay <= 0 || turnDecay > 1) {
      throw new IllegalArgumentException("model " + model.id() + ": emotion.turnDecay must be in (0, 1]");
    }
  }

  /**
   * Words that, alone, only keep the conversation going: "okay", "fine", "right". VADER scores "okay" as positive,
   * but a customer who says "okay" after being angry has not cheered up.
   */
  private static final java.util.Set<String> CONTINUERS = java.util.Set.of("okay", "ok", "fine", "right", "sure",
      "yeah", "yes", "yep", "alright", "mhm", "mm", "hmm", "uh", "um", "huh", "so", "well", "then", "go", "on", "hang",
      "sec", "second", "moment", "wait", "hold");

  /** Spanish: "vale", "bueno", "sí", "ya", "de acuerdo" (matched with accents folded). */
  static final java.util.Set<String> SPANISH_CONTINUERS = java.util.Set.of("vale", "bueno", "si", "claro", "ya",
      "aja", "mhm", "mm", "ok", "okay", "de", "acuerdo", "entiendo", "venga", "bien", "a", "ver", "pues", "eh", "este",
      "o", "sea", "espere", "espera", "momento", "un", "segundo", "sigo", "aqui", "dale", "listo");

  /** Reads the customer in another language: its sentiment, its continuers, and how its tokens are normalised. */
  void readIn(TextSentiment language, java.util.Set<String> languageContinuers,
              java.util.function.UnaryOperator<String> tokenNormalise) {
    analyzer = language;
    continuers = languageContinuers;
    normalise = tokenNormalise;
  }

  boolean onlyContinuers(java.util.List<String> tokens) {
    if (tokens.isEmpty() || tokens.size() > 4) {
      return tokens.isEmpty();
    }
    for (String token : tokens) {
      if (!continuers.contains(normalise.apply(token))) {
        return false;
      }
    }
    return true;
  }

  private static final java.util.Set<String> PRAISE = java.util.Set.of("great", "perfect", "brilliant", "wonderful",
      "fantastic", "lovely", "marvellous", "marvelous", "excellent", "super", "awesome", "terrific", "amazing", "nice",
      "fabulous", "superb");
  /** Words that put praise in a complaint: "great, so I wait another week". */
  private static final java.util.Set<String> STILL_WRONG = java.util.Set.of("another", "again", "still", "wait",
      "waiting", "nothing", "never", "yet", "even", "longer", "more", "worse", "now");

  /**
   * Praise said while the customer's upset stands and the agent has offered nothing for it, in a turn that also
   * says it is still wrong ("brilliant, another week then") or complains in another way ("brilliant, can I speak to
   * someone more senior"): sarcasm, whatever the words' valence. The words that carried it, or null. "Brilliant"
   * reads as gratitude or relief on its own; here the complaint decides.
   */
  String sarcasmInContext(java.util.List<String> tokens, TurnActs acts) {
    if (!unresolved || offered || acts.has(UtteranceAct.SARCASM) || sincereThanks(acts)) {
      return null;
    }
    String praise = null;
    String wrong = null;
    for (String token : tokens) {
      if (praise == null && PRAISE.contains(token)) {
        praise = token;
      } else if (wrong == null && STILL_WRONG.contains(token)) {
        wrong = token;
      }
    }
    if (praise == null) {
      return null;
    }
    if (wrong != null) {
      return praise + " … " + wrong;
    }
    for (UtteranceAct act : acts.found()) {
      if (act.negativeCustomerAct()) {
        return praise + " … " + acts.evidence(act);
      }
    }
    return null;
  }

  /** Thanks carried by more than a word of praise ("thank you", "appreciate it"). */
  private static boolean sincereThanks(TurnActs acts) {
    String words = acts.evidence(UtteranceAct.GRATITUDE);
    return words != null && !PRAISE.contains(words);
  }

  /** Reads a final customer turn: its valence after the acts, and its arousal. */
  Reading read(String text, java.util.List<String> tokens, TurnActs acts) {
    Sentiment sentiment = analyzer.analyze(text);
    double valence = acts.none() && onlyContinuers(tokens) ? 0 : sentiment.compound();
    String rule;
    String why = null;
    UtteranceAct strongest = null;
    for (UtteranceAct act : NEGATIVE_ACTS) {
      if (acts.has(act)) {
        double pulled = act == UtteranceAct.SARCASM ? Math.min(-Math.abs(valence), actValence[act.ordinal()])
            : Math.min(valence, actValence[act.ordinal()]);
        valence = Math.min(valence, pulled);
        strongest = strongest == null ? act : strongest;
      }
    }
    boolean negativeAct = strongest != null;
    boolean thanksOrRelief = acts.has(UtteranceAct.GRATITUDE) || acts.has(UtteranceAct.RELIEF);
    if (!negativeAct && !thanksOrRelief && unresolved && valence > unresolvedPositiveCap) {
      // While the upset stands, a pleasant word is not a better mood: "but they approved it", "I hope I get the
      // money back", "my husband passed" read positive word by word. Only thanks or relief, or taking up what the
      // agent offered (accept), lift an upset customer.
      valence = unresolvedPositiveCap;
    }
    if (!negativeAct) {
      for (UtteranceAct act : new UtteranceAct[] {UtteranceAct.RELIEF, UtteranceAct.GRATITUDE}) {
        if (acts.has(act)) {
          valence = Math.max(valence, actValence[act.ordinal()]);
          why = why == null ? describe(act, acts.evidence(act)) : why;
        }
      }
    } else {
      why = describe(strongest, acts.evidence(strongest));
    }
    double arousal = arousal(sentiment.intensity());
    acousticArousalSum = 0;
    acousticArousalCount = 0;
    double value = value(valence, arousal);
    boolean neutral = Math.abs(valence) < neutralBand;
    // What the agent did resolves the upset only when the customer's answer takes it: no new upset, no complaint.
    boolean accepts = offered && unresolved && valence > -neutralBand && !negativeAct;
    boolean open = unresolved && !accepts;
    double weight = neutral ? (open ? unresolvedNeutralWeight : neutralWeight) : 1.0;
    rule = valence <= -neutralBand ? "customer_negative" : valence >= neutralBand ? "customer_positive"
        : open ? "customer_quiet_unresolved" : "customer_neutral";
    String text2 = why != null ? why : tone(valence, arousal);
    if (neutral && open) {
      text2 = "Customer went quiet but nothing has resolved their upset yet: it still stands";
    }
    return new Reading(valence, arousal, value, weight, rule, text2, accepts);
  }

  /**
   * The customer took what the agent did for their unresolved upset (their turn brings no new upset): the upset
   * counts less from now on ({@code emotion.resolvedDecay}) and is resolved. True when it changed anything; call
   * before {@link #apply}.
   */
  boolean accept(Reading reading) {
    offered = false;
    if (!reading.accepts()) {
      return false;
    }
    unresolved = false;
    negativeSum *= resolvedDecay;
    negativeWeight *= resolvedDecay;
    return true;
  }

  /** Applies a reading as evidence. */
  void apply(Reading reading, TurnActs acts) {
    offered = false;
    add(reading.value(), reading.weight());
    provisional = null;
    if (reading.valence() <= -neutralBand) {
      unresolved = true;
    } else if (reading.valence() >= neutralBand || acts.has(UtteranceAct.GRATITUDE) || acts.has(UtteranceAct.RELIEF)) {
      unresolved = false;
    }
  }

  /** An emotion engine's estimate for the customer, weighted by its confidence. */
  boolean external(double valence, double arousal, Double confidence) {
    double weight = externalWeight * (confidence == null ? externalDefaultConfidence : confidence);
    if (weight <= 0) {
      return false;
    }
    add(value(valence, arousal), weight);
    return true;
  }

  private void add(double value, double weight) {
    double decay = Math.pow(turnDecay, weight);
    negativeSum *= decay;
    negativeWeight *= decay;
    otherSum *= decay;
    otherWeight *= decay;
    if (value < prior) {
      negativeSum += value * weight;
      negativeWeight += weight;
    } else {
      otherSum += value * weight;
      otherWeight += weight;
    }
    levelSum += value * weight;
    levelWeight += weight;
    turns++;
    double mood = mood();
    trough = Double.isNaN(trough) ? mood : Math.min(trough, mood);
  }

  /**
   * The agent did something about the problem (a commitment, a next step, an alternative). It is an offer, not yet
   * a resolution: the customer's next turn decides ({@link #accept}). True when an upset was waiting for it.
   */
  boolean resolvingAct() {
    offered = unresolved;
    return offered;
  }

  /**
   * Starts the mood from {@code mood} instead of the prior, before any turn: a caller whose last call ended
   * unresolved comes back with that upset, and it stays unresolved until something resolves it.
   */
  void startFrom(double mood, boolean unresolvedBefore) {
    start = mood;
    unresolved = unresolved || unresolvedBefore;
  }

  /** The customer's mood now, 0–100 (the emotion part). */
  double mood() {
    return (start * priorWeight + negativeSum + otherSum) / (priorWeight + negativeWeight + otherWeight);
  }

  /** The mood with the provisional reading of a partial utterance in, if there is one. */
  double moodWithProvisional() {
    if (provisional == null) {
      return mood();
    }
    return (start * priorWeight + negativeSum + otherSum + provisional.value() * provisional.weight())
        / (priorWeight + negativeWeight + otherWeight + provisional.weight());
  }

  /** The whole call's average mood (the blend's "level"). */
  double level() {
    return (start * priorWeight + levelSum) / (priorWeight + levelWeight);
  }

  /** The lowest mood after any customer turn so far; the starting mood before the first. */
  double trough() {
    return Double.isNaN(trough) ? start : trough;
  }

  boolean unresolved() {
    return unresolved;
  }

  int turns() {
    return turns;
  }

  /**
   * True once per upset when a customer who had been upset (mood at or below {@code recovery.lowMood}, or a turn
   * with a negative act) thanks the agent or says they are relieved in a turn that says the call turned things
   * round ({@link UtteranceAct#TURNAROUND}): the moment for positive_recovery. The first "that's a relief" comes
   * while the case is still being worked; a coach praises when the customer credits the agent or looks back.
   */
  boolean recoveredNow(TurnActs acts) {
    boolean turnaround = acts.has(UtteranceAct.TURNAROUND);
    boolean thanks = acts.has(UtteranceAct.GRATITUDE) || acts.has(UtteranceAct.RELIEF);
    // A turnaround that names the distress it leaves behind ("thank you, I was so worried") is its own evidence of
    // the upset, read or not when it was felt; and its look back is no new upset.
    boolean upset = lowEpisode || turnaround && acts.anyNegativeCustomerAct();
    if (turnaround && thanks && upset && !acts.has(UtteranceAct.SARCASM)) {
      lowEpisode = false;
      return true;
    }
    if (mood() <= lowMood || acts.anyNegativeCustomerAct() && !turnaround) {
      lowEpisode = true;
    }
    return false;
  }

  /** Notes a low point from evidence that is not a customer turn (an emotion engine's estimate). */
  void noteLow() {
    if (mood() <= lowMood) {
      lowEpisode = true;
    }
  }

  void partial(String text, String frame) {
    Sentiment sentiment = analyzer.analyze(text);
    provisional = new Provisional(value(sentiment.compound(), arousal(sentiment.intensity())), partialWeight, frame);
  }

  Provisional provisional() {
    return provisional;
  }

  void acoustic(Acoustic frame) {
    double z = 0;
    int features = 0;
    if (frame.rmsDb() != null) {
      z += loudness.zScoreThenAdd(frame.rmsDb());
      features++;
    }
    if (frame.pitchHz() != null && frame.pitchHz() > 0) {
      z += pitch.zScoreThenAdd(frame.pitchHz());
      features++;
    }
    if (features > 0 && loudness.count() >= 3) {
      acousticArousalSum += 1.0 / (1.0 + Math.exp(-(z / features - 0.5) * 1.5));
      acousticArousalCount++;
    }
  }

  private double arousal(double textIntensity) {
    if (acousticArousalCount == 0) {
      return clamp01(textIntensity);
    }
    double acoustic = acousticArousalSum / acousticArousalCount;
    return clamp01((1 - acousticWeight) * textIntensity + acousticWeight * acoustic);
  }

  double value(double valence, double arousal) {
    double factor = valence < 0 ? arousalBase + arousalGain * arousal : 1.0;
    return 50 + 50 * Math.max(-1, Math.min(1, valence * factor));
  }

  private static String describe(UtteranceAct act, String words) {
    String quote = " (\"" + words + "\")";
    return switch (act) {
      case SARCASM -> "Customer was sarcastic: positive words, negative meaning" + quote;
      case FRUSTRATION -> "Customer is frustrated" + quote;
      case ANXIETY -> "Customer is worried" + quote;
      case RESIGNATION -> "Customer sounds resigned: they expect nothing" + quote;
      case REPEAT_CONTACT -> "Customer has had to get in touch about this before" + quote;
      case ESCALATION -> "Customer wants to escalate" + quote;
      case CHURN_THREAT -> "Customer is thinking of leaving" + quote;
      case UNHEARD -> "Customer feels unheard" + quote;
      case CONFUSION -> "Customer is confused" + quote;
      case GRATITUDE -> "Customer thanked the agent" + quote;
      case RELIEF -> "Customer sounds relieved or satisfied" + quote;
      default -> "Customer: " + act.wire() + quote;
    };
  }

  private static String tone(double valence, double arousal) {
    String tone = valence <= -0.5 ? "very negative" : valence < -0.05 ? "negative" : valence >= 0.5 ? "very positive"
        : valence > 0.05 ? "positive" : "neutral";
    return "Customer sounded " + tone + (arousal >= 0.6 ? ", agitated" : "");
  }

  private static double clamp01(double value) {
    return Math.max(0, Math.min(1, value));
  }
}
