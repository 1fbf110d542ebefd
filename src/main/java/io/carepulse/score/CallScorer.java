package io.carepulse.score;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.sentiment.Sentiment;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.List;
import java.util.Map;

/**
 * Scores one call: routes each frame to the detectors, applies their evidence to the connection score and hands
 * back what they noticed. Pure and deterministic: all time comes from the frames.
 */
public final class CallScorer implements Scorer {

  /** An agent speaks at roughly this rate; used to estimate a turn's start when the client sends no timing. */
  private static final double ASSUMED_WORDS_PER_MS = 150.0 / 60000.0;
  /** An audio window at least this voiced counts as someone speaking. */
  private static final double VOICED = 0.3;

  private final String callId;
  private final ScoringModel model;
  private final PhraseBook phrases;
  private final Conversation conversation = new Conversation();
  private final ConnectionScore score;
  private final CustomerMood mood;
  private final EmpathyDetector empathy;
  private final OwnershipDetector ownership;
  private final ListeningDetector listening;
  private final ResponsivenessTracker responsiveness;
  private final PersonalTouchDetector personal;
  private long lastSeq;

  public CallScorer(String callId, ScoringModel model, SentimentAnalyzer analyzer) {
    this.callId = callId;
    this.model = model;
    this.phrases = model.phrases();
    this.score = new ConnectionScore(model);
    this.mood = new CustomerMood(model, analyzer);
    this.empathy = new EmpathyDetector(model);
    this.ownership = new OwnershipDetector(model);
    this.listening = new ListeningDetector(model);
    this.responsiveness = new ResponsivenessTracker(model);
    this.personal = new PersonalTouchDetector(model);
  }

  @Override
  public Observations observe(CallFrame frame) {
    long now = conversation.advance(frame.ts());
    lastSeq = frame.seq();
    Observations out = new Observations(frame.seq(), now);
    if (frame instanceof CallStart start) {
      conversation.customerName(start.customer().name());
    } else if (frame instanceof Utterance utterance) {
      utterance(utterance, now, out);
    } else if (frame instanceof Acoustic acoustic) {
      acoustic(acoustic, now, out);
    } else if (frame instanceof SoftphoneEvent event) {
      responsiveness.event(event, conversation, out);
    } else if (frame instanceof EmotionEstimate estimate) {
      mood.external(estimate, "seq:" + frame.seq(), out);
    }
    responsiveness.tick(conversation, frame.seq(), out);
    score.apply(out);
    return out;
  }

  private void utterance(Utterance utterance, long now, Observations out) {
    String ref = utterance.utteranceId() != null ? "utt:" + utterance.utteranceId() : "seq:" + utterance.seq();
    if (!utterance.isFinal()) {
      if (utterance.speaker() == Speaker.CUSTOMER) {
        conversation.customerPartial(utterance.utteranceId());
        mood.partial(utterance.text(), ref);
      }
      return;
    }
    List<String> tokens = Tokens.of(utterance.text());
    Map<Cue, String> cues = phrases.match(tokens);
    long endMs = utterance.endMs() != null ? utterance.endMs() : now;
    long startMs = utterance.startMs() != null ? utterance.startMs()
        : endMs - Math.round(tokens.size() / ASSUMED_WORDS_PER_MS);
    if (utterance.speaker() == Speaker.CUSTOMER) {
      boolean escalates = cues.containsKey(Cue.ESCALATION) || cues.containsKey(Cue.CHURN_THREAT);
      Sentiment sentiment = mood.read(utterance.text(), escalates);
      Turn turn = new Turn(Speaker.CUSTOMER, utterance.text(), tokens, cues, startMs, endMs, utterance.seq(), ref,
          sentiment.compound());
      customerTurn(turn, sentiment, out);
    } else {
      agentTurn(new Turn(Speaker.AGENT, utterance.text(), tokens, cues, startMs, endMs, utterance.seq(), ref, 0),
          out);
    }
  }

  private void customerTurn(Turn turn, Sentiment sentiment, Observations out) {
    responsiveness.turn(turn, conversation, out);
    responsiveness.customerTurn(turn, out);
    mood.finalTurn(turn, sentiment, out);
    empathy.customerTurn(turn, out);
    listening.customerTurn(turn, conversation, out);
    customerCues(turn, out);
    conversation.turn(turn);
    out.signal(Signal.Kind.VOICE);
  }

  private void agentTurn(Turn turn, Observations out) {
    responsiveness.turn(turn, conversation, out);
    responsiveness.agentTurn(turn, conversation, out);
    empathy.agentTurn(turn, out);
    ownership.agentTurn(turn, out);
    listening.agentTurn(turn, conversation, out);
    personal.agentTurn(turn, conversation, out);
    if (empathy.substantive(turn) && !ListeningDetector.isBackchannel(turn)) {
      out.signal(Signal.Kind.AGENT_TURN);
    }
    conversation.turn(turn);
    out.signal(Signal.Kind.VOICE);
  }

  private static void customerCues(Turn turn, Observations out) {
    if (turn.has(Cue.ESCALATION)) {
      out.signal(Signal.Kind.CUSTOMER_ESCALATION);
    }
    if (turn.has(Cue.CHURN_THREAT)) {
      out.signal(Signal.Kind.CUSTOMER_CHURN_THREAT);
    }
    if (turn.has(Cue.CONFUSION)) {
      out.signal(Signal.Kind.CUSTOMER_CONFUSED);
    }
    if (turn.has(Cue.ASKS_NEXT)) {
      out.signal(Signal.Kind.CUSTOMER_ASKS_NEXT);
    }
    if (turn.has(Cue.GRATITUDE)) {
      out.signal(Signal.Kind.CUSTOMER_WRAPPING_UP);
    }
  }

  private void acoustic(Acoustic frame, long now, Observations out) {
    if (frame.voicedRatio() != null && frame.voicedRatio() >= VOICED) {
      conversation.voicedWindow(frame.speaker(), now, frame.windowMs());
      out.signal(Signal.Kind.VOICE);
    }
    if (frame.speaker() == Speaker.CUSTOMER) {
      mood.acoustic(frame);
    } else {
      listening.agentAcoustic(frame, out);
    }
  }

  /** The score as it stands now, with the reasons gathered since the previous update. */
  @Override
  public ScoreUpdate update() {
    long now = conversation.nowMs();
    ConnectionScore.Snapshot snapshot = score.snapshot(now, mood.provisional());
    return new ScoreUpdate(callId, lastSeq, now, snapshot.score(), snapshot.callScore(), snapshot.parts(),
        snapshot.trend(), model.id(), snapshot.reasons(), snapshot.recovery());
  }

  /** The rolling score now, without consuming reasons or recording a point. */
  @Override
  public int peekScore() {
    return score.peek(conversation.nowMs(), mood.provisional());
  }

  @Override
  public boolean hasNewReasons() {
    return score.hasPendingReasons();
  }

  @Override
  public int minScore() {
    return score.minScore();
  }

  @Override
  public Conversation conversation() {
    return conversation;
  }


  @Override
  public boolean nameUsed() {
    return personal.nameUsed();
  }

  /** Measured as care-2 measures it (care-1's own thresholds stay fixed), so the agent's later calls can use it. */
  @Override
  public AgentPace pace() {
    return listening.pace(conversation);
  }


}
