package io.carepulse.score;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one call with model care-2 (docs/score-model.md): understanding first (each final utterance read into
 * dialogue acts by an {@link ActReader}), then judgement (the parts and the customer's emotional trajectory blended
 * by fitted weights, {@link ScoreBlend}). Pure and deterministic: all time comes from the frames.
 */
final class CareTwoScorer implements Scorer {

  private static final double ASSUMED_WORDS_PER_MS = 150.0 / 60000.0;
  private static final double VOICED = 0.3;
  private static final int MAX_REASONS = 6;
  private static final Part[] PARTS = Part.values();
  private static final int EMOTION = Part.EMOTION.ordinal();

  private final String callId;
  private final ScoringModel model;
  /** The model's act reader, or the Spanish one once call.start says the call is in Spanish. */
  private ActReader reader;
  private final EmotionLocales locales;
  private final ScoreBlend blend;
  private final ScoreBlend callBlend;
  private final Conversation conversation = new Conversation();
  private final CustomerState customer;
  private final ActConduct conduct;
  private final ListeningDetector listening;
  private final ResponsivenessTracker responsiveness;
  private final RollingPart[] parts = new RollingPart[PARTS.length];
  private final double[] lastValue = new double[PARTS.length];
  private final long[] lastEvidenceAt = new long[PARTS.length];
  private final double minDelta;
  private final long trendWindowMs;
  private final double trendPoints;

  private final List<Reason> pendingReasons = new ArrayList<>();
  private final Deque<long[]> history = new ArrayDeque<>();
  private ScoreUpdate.CustomerTurn customerTurn;
  /** The agent turn whose act may resolve the customer's upset, until the customer answers it. */
  private String resolvingTurn;
  /** The call's locale when its customer emotion cannot be read (not in the model's emotion.locales), else null. */
  private String unsupportedLocale;
  private final CallerHistory caller;
  private boolean externalEmotion;
  private int minScore = Integer.MAX_VALUE;
  private long minAtMs;
  private long lastSeq;

  CareTwoScorer(String callId, ScoringModel model, io.carepulse.score.sentiment.SentimentAnalyzer analyzer,
                CallerHistory history, AgentBaseline agent) {
    this.callId = callId;
    this.caller = history;
    this.model = model;
    this.reader = ActReaders.named(model.text("model.acts", ActReaders.PHRASES));
    this.locales = EmotionLocales.of(model);
    this.blend = ScoreBlend.of(model);
    this.callBlend = ScoreBlend.wholeCall(model);
    this.customer = new CustomerState(model, analyzer);
    this.conduct = new ActConduct(model);
    this.listening = new ListeningDetector(model, agent);
    this.responsiveness = new ResponsivenessTracker(model);
    double halfLife = model.number("rolling.halfLifeMs");
    double priorWeight = model.number("prior.weight");
    for (Part part : PARTS) {
      parts[part.ordinal()] = new RollingPart(model.prior(part), priorWeight, halfLife);
      lastValue[part.ordinal()] = model.prior(part);
    }
    minDelta = model.number("reasons.minDelta");
    trendWindowMs = model.millis("trend.windowMs");
    trendPoints = model.number("trend.points");
  }

  @Override
  public Observations observe(CallFrame frame) {
    long now = conversation.advance(frame.ts());
    lastSeq = frame.seq();
    Observations out = new Observations(frame.seq(), now);
    fading(now, frame.seq());
    if (frame instanceof CallStart start) {
      conversation.customerName(start.customer().name());
      locale(start, out);
      remember(start);
    } else if (frame instanceof Utterance utterance) {
      utterance(utterance, now, out);
    } else if (frame instanceof Acoustic acoustic) {
      acoustic(acoustic, now, out);
    } else if (frame instanceof SoftphoneEvent event) {
      responsiveness.event(event, conversation, out);
    } else if (frame instanceof EmotionEstimate estimate) {
      external(estimate, out);
    }
    responsiveness.tick(conversation, frame.seq(), out);
    apply(out);
    return out;
  }

  /**
   * The lexicon and the acts read one language; a customer speaking another is not read for emotion at all (a
   * furious French sentence would otherwise score neutral, or worse, be misread word by word), and says so.
   */
  private void locale(CallStart start, Observations out) {
    if (locales.supports(start.locale()) && EmotionLocales.language(start.locale()).equals(EmotionLocales.SPANISH)) {
      reader = SpanishActReader.standard();
      customer.readIn(io.carepulse.score.sentiment.SpanishSentiment.standard(), CustomerState.SPANISH_CONTINUERS,
          io.carepulse.score.sentiment.SpanishSentiment::fold);
    }
    if (!locales.supports(start.locale())) {
      unsupportedLocale = start.locale();
      pendingReasons.add(new Reason("unsupported_locale", Part.EMOTION, 0, List.of("seq:" + start.seq()),
          "emotion: unsupported locale " + unsupportedLocale + "; customer emotion is not read and stays out of the"
              + " score"));
    }
  }

  /** A caller with earlier calls starts where those left them, and the reason names the last one. */
  private void remember(CallStart start) {
    if (caller.isEmpty()) {
      return;
    }
    double prior = model.prior(Part.EMOTION);
    CallerHistory.Start remembered = caller.start(prior, start.ts());
    customer.startFrom(remembered.mood(), remembered.unresolved());
    pendingReasons.add(new Reason("memory_prior", Part.EMOTION, remembered.mood() - prior,
        List.of("call:" + caller.last().callId()), remembered.reason()));
  }

  /** Customer emotion counts in the blend unless the locale is unsupported and no external estimate came. */
  private boolean emotionRead() {
    return unsupportedLocale == null || externalEmotion;
  }

  /** A behaviour part that drifts back toward its prior for want of evidence says so, once per point. */
  private void fading(long now, long seq) {
    for (int p = 0; p < PARTS.length; p++) {
      if (p == EMOTION) {
        continue;
      }
      double value = parts[p].rolling(now);
      double drift = value - lastValue[p];
      if (Math.abs(drift) >= minDelta) {
        long quiet = (now - lastEvidenceAt[p]) / 1000;
        pendingReasons.add(new Reason("fading", PARTS[p], drift, List.of("seq:" + seq),
            "No new " + PARTS[p].wire() + " evidence for " + quiet + " s: it fades toward its usual level"));
        lastValue[p] = value;
      }
    }
  }

  private void apply(Observations out) {
    long now = out.atMs();
    for (Evidence evidence : out.evidence()) {
      int p = evidence.part().ordinal();
      if (p == EMOTION) {
        continue;
      }
      RollingPart part = parts[p];
      double before = part.rolling(now);
      part.add(evidence.value(), evidence.weight(), now);
      double after = part.rolling(now);
      if (Math.abs(after - before) >= minDelta) {
        pendingReasons.add(new Reason(evidence.rule(), evidence.part(), after - before, evidence.frames(),
            evidence.text()));
      }
      lastValue[p] = after;
      lastEvidenceAt[p] = now;
    }
  }

  private void utterance(Utterance utterance, long now, Observations out) {
    String ref = utterance.utteranceId() != null ? "utt:" + utterance.utteranceId() : "seq:" + utterance.seq();
    if (!utterance.isFinal()) {
      if (utterance.speaker() == Speaker.CUSTOMER && unsupportedLocale == null) {
        conversation.customerPartial(utterance.utteranceId());
        double before = customer.moodWithProvisional();
        customer.partial(utterance.text(), ref);
        double delta = customer.moodWithProvisional() - before;
        if (Math.abs(delta) >= minDelta) {
          pendingReasons.add(new Reason("provisional_mood", Part.EMOTION, delta, List.of(ref),
              "Customer is still speaking: provisional reading, until their final words"));
        }
      }
      return;
    }
    List<String> tokens = Tokens.of(utterance.text());
    Speaker speaker = utterance.speaker();
    TurnActs acts = reader.read(speaker, utterance.text(), tokens);
    long endMs = utterance.endMs() != null ? utterance.endMs() : now;
    long startMs = utterance.startMs() != null ? utterance.startMs()
        : endMs - Math.round(tokens.size() / ASSUMED_WORDS_PER_MS);
    if (speaker == Speaker.CUSTOMER && unsupportedLocale != null) {
      unreadCustomerTurn(new Turn(Speaker.CUSTOMER, utterance.text(), tokens, cues(acts), startMs, endMs,
          utterance.seq(), ref, 0), acts, out);
    } else if (speaker == Speaker.CUSTOMER) {
      String again = listening.restated(tokens);
      if (again != null) {
        // Saying a request again, in so many words, is feeling unheard whatever the words' valence.
        acts = acts.with(UtteranceAct.UNHEARD, "said again: " + again, 0.8);
      }
      String sarcasm = customer.sarcasmInContext(tokens, acts);
      if (sarcasm != null) {
        acts = acts.without(UtteranceAct.GRATITUDE).without(UtteranceAct.RELIEF)
            .with(UtteranceAct.SARCASM, sarcasm, 0.8);
      }
      CustomerState.Reading reading = customer.read(utterance.text(), tokens, acts);
      Turn turn = new Turn(Speaker.CUSTOMER, utterance.text(), tokens, cues(acts), startMs, endMs, utterance.seq(), ref,
          reading.valence());
      customerTurn(turn, reading, acts, out);
    } else {
      agentTurn(new Turn(Speaker.AGENT, utterance.text(), tokens, cues(acts), startMs, endMs, utterance.seq(), ref, 0),
          acts, out);
    }
  }

  /** The care-1 cues the shared listening and responsiveness detectors look for, from the acts. */
  private static Map<Cue, String> cues(TurnActs acts) {
    if (acts.none()) {
      return Map.of();
    }
    Map<Cue, String> cues = new EnumMap<>(Cue.class);
    put(cues, Cue.CHECK_IN, acts, UtteranceAct.CHECK_IN);
    put(cues, Cue.BACKCHANNEL, acts, UtteranceAct.BACKCHANNEL);
    put(cues, Cue.COMMITMENT, acts, UtteranceAct.COMMITMENT);
    put(cues, Cue.NOT_HEARD, acts, UtteranceAct.UNHEARD);
    return cues;
  }

  private static void put(Map<Cue, String> cues, Cue cue, TurnActs acts, UtteranceAct act) {
    if (acts.has(act)) {
      cues.put(cue, acts.evidence(act));
    }
  }

  private void customerTurn(Turn turn, CustomerState.Reading reading, TurnActs acts, Observations out) {
    responsiveness.turn(turn, conversation, out);
    responsiveness.customerTurn(turn, out);
    double before = customer.moodWithProvisional();
    if (customer.accept(reading)) {
      double resolved = customer.mood();
      if (Math.abs(resolved - before) >= minDelta) {
        pendingReasons.add(new Reason("resolving_act", Part.EMOTION, resolved - before,
            List.of(resolvingTurn, turn.ref()),
            "Customer took up what the agent did about their problem: their earlier upset weighs less now"));
      }
      before = resolved;
    }
    resolvingTurn = null;
    customer.apply(reading, acts);
    double delta = customer.mood() - before;
    if (Math.abs(delta) >= minDelta) {
      pendingReasons.add(new Reason(reading.rule(), Part.EMOTION, delta, List.of(turn.ref()), reading.text()));
    }
    customerTurn = new ScoreUpdate.CustomerTurn(turn.ref(), round3(reading.valence()), round3(reading.arousal()));
    if (customer.recoveredNow(acts)) {
      out.signal(Signal.Kind.CUSTOMER_RECOVERED);
    }
    conduct.customerTurn(turn, reading.valence(), acts, out);
    listening.customerTurn(turn, conversation, out);
    if (acts.has(UtteranceAct.ESCALATION)) {
      out.signal(Signal.Kind.CUSTOMER_ESCALATION);
    }
    if (acts.has(UtteranceAct.CHURN_THREAT)) {
      out.signal(Signal.Kind.CUSTOMER_CHURN_THREAT);
    }
    if (acts.has(UtteranceAct.CONFUSION)) {
      out.signal(Signal.Kind.CUSTOMER_CONFUSED);
    }
    if (acts.has(UtteranceAct.ASKS_NEXT)) {
      out.signal(Signal.Kind.CUSTOMER_ASKS_NEXT);
    }
    if (acts.has(UtteranceAct.GRATITUDE) && !acts.has(UtteranceAct.SARCASM)) {
      out.signal(Signal.Kind.CUSTOMER_WRAPPING_UP);
    }
    conversation.turn(turn);
    out.signal(Signal.Kind.VOICE);
  }

  /** A customer turn in an unsupported locale: timing and acts count, the words are not read for emotion. */
  private void unreadCustomerTurn(Turn turn, TurnActs acts, Observations out) {
    responsiveness.turn(turn, conversation, out);
    responsiveness.customerTurn(turn, out);
    pendingReasons.add(new Reason("unsupported_locale", Part.EMOTION, 0, List.of(turn.ref()),
        "emotion: unsupported locale " + unsupportedLocale + "; these words were not read for emotion"));
    conduct.customerTurn(turn, 0, acts, out);
    listening.customerTurn(turn, conversation, out);
    conversation.turn(turn);
    out.signal(Signal.Kind.VOICE);
  }

  private void agentTurn(Turn turn, TurnActs acts, Observations out) {
    responsiveness.turn(turn, conversation, out);
    responsiveness.agentTurn(turn, conversation, out);
    conduct.agentTurn(turn, acts, conversation, out);
    listening.agentTurn(turn, conversation, out);
    if (ActConduct.acts(acts) && customer.resolvingAct()) {
      resolvingTurn = turn.ref();
    }
    if (conduct.substantive(turn) && !ListeningDetector.isBackchannel(turn)) {
      out.signal(Signal.Kind.AGENT_TURN);
    }
    conversation.turn(turn);
    out.signal(Signal.Kind.VOICE);
  }

  private void acoustic(Acoustic frame, long now, Observations out) {
    if (frame.voicedRatio() != null && frame.voicedRatio() >= VOICED) {
      conversation.voicedWindow(frame.speaker(), now, frame.windowMs());
      out.signal(Signal.Kind.VOICE);
    }
    if (frame.speaker() == Speaker.CUSTOMER) {
      customer.acoustic(frame);
    } else {
      listening.agentAcoustic(frame, out);
    }
  }

  private void external(EmotionEstimate estimate, Observations out) {
    if (estimate.speaker() != Speaker.CUSTOMER) {
      return;
    }
    double before = customer.mood();
    if (customer.external(estimate.valence(), estimate.arousal(), estimate.confidence())) {
      externalEmotion = true;
      double delta = customer.mood() - before;
      if (Math.abs(delta) >= minDelta) {
        pendingReasons.add(new Reason("external_emotion", Part.EMOTION, delta, List.of("seq:" + estimate.seq()),
            "Emotion engine " + estimate.source() + " estimated valence "
                + Math.round(estimate.valence() * 100.0) / 100.0));
      }
      customer.noteLow();
    }
  }

  /** The blend's features now: rolling parts (the live score) or whole-call parts (the call score). */
  double[] features(long now, boolean wholeCall) {
    double mood = wholeCall ? customer.mood() : customer.moodWithProvisional();
    double trough = Math.min(customer.trough(), mood);
    double[] features = ScoreBlend.features(value(Part.EMPATHY, now, wholeCall), value(Part.OWNERSHIP, now, wholeCall),
        value(Part.LISTENING, now, wholeCall), value(Part.RESPONSIVENESS, now, wholeCall),
        value(Part.PERSONAL, now, wholeCall), customer.level(), mood, trough);
    if (!emotionRead()) {
      ScoreBlend.withoutEmotion(features);
    }
    return features;
  }

  private double value(Part part, long now, boolean wholeCall) {
    RollingPart rolling = parts[part.ordinal()];
    return wholeCall ? rolling.wholeCall() : rolling.rolling(now);
  }

  @Override
  public ScoreUpdate update() {
    long now = conversation.nowMs();
    int score = (int) Math.round(blend.score(features(now, false)));
    int callScore = (int) Math.round(callBlend.score(features(now, true)));
    Trend trend = trend(now, score);
    history.addLast(new long[] {now, score});
    if (score < minScore) {
      minScore = score;
      minAtMs = now;
    }
    long sinceMin = now - minAtMs;
    double slope = sinceMin >= 1000 ? (score - minScore) / (sinceMin / 60000.0) : 0;
    Parts reported = new Parts((int) Math.round(customer.moodWithProvisional()), round(Part.EMPATHY, now),
        round(Part.OWNERSHIP, now), round(Part.LISTENING, now), round(Part.RESPONSIVENESS, now),
        round(Part.PERSONAL, now));
    ScoreUpdate update = new ScoreUpdate(callId, lastSeq, now, score, callScore, reported, trend, model.id(),
        takeReasons(), new Recovery(minScore, minAtMs, sinceMin, slope), customerTurn);
    customerTurn = null;
    return update;
  }

  private int round(Part part, long now) {
    return (int) Math.round(parts[part.ordinal()].rolling(now));
  }

  @Override
  public int peekScore() {
    return (int) Math.round(blend.score(features(conversation.nowMs(), false)));
  }

  @Override
  public boolean hasNewReasons() {
    return !pendingReasons.isEmpty();
  }

  @Override
  public int minScore() {
    return minScore == Integer.MAX_VALUE ? peekScore() : minScore;
  }

  @Override
  public Conversation conversation() {
    return conversation;
  }

  @Override
  public double[] blendFeatures() {
    return features(conversation.nowMs(), true);
  }

  @Override
  public boolean remembers() {
    return true;
  }

  @Override
  public AgentPace pace() {
    return listening.pace(conversation);
  }

  @Override
  public boolean nameUsed() {
    return conduct.nameUsed();
  }

  private List<Reason> takeReasons() {
    List<Reason> reasons = new ArrayList<>(pendingReasons);
    pendingReasons.clear();
    if (reasons.size() > MAX_REASONS) {
      reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.delta())));
      reasons = new ArrayList<>(reasons.subList(0, MAX_REASONS));
    }
    return reasons;
  }

  private Trend trend(long now, int score) {
    while (history.size() > 1 && now - history.peekFirst()[0] > trendWindowMs && secondOlderThanWindow(now)) {
      history.removeFirst();
    }
    if (history.isEmpty() || now - history.peekFirst()[0] < trendWindowMs / 3) {
      return Trend.STEADY;
    }
    long past = history.peekFirst()[1];
    if (score - past >= trendPoints) {
      return Trend.RISING;
    }
    return past - score >= trendPoints ? Trend.FALLING : Trend.STEADY;
  }

  private boolean secondOlderThanWindow(long now) {
    var iterator = history.iterator();
    iterator.next();
    return now - iterator.next()[0] >= trendWindowMs;
  }

  private static double round3(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
