package io.carepulse.engine;

import io.carepulse.coach.Coach;
import io.carepulse.coach.Holdout;
import io.carepulse.coach.Prompt;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.CallerHistory;
import io.carepulse.score.Observations;
import io.carepulse.score.Part;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Scorer;
import io.carepulse.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * The scoring and coaching core for one call: frames in (already sequence-checked), score updates and prompts out.
 * Pure and deterministic: no clock, no I/O, not thread-safe (a call is owned by one thread or event loop).
 * The live service and offline replay both drive exactly this class.
 */
public final class CallEngine {

  private final String callId;
  private final CoreConfig config;
  private final Scorer scorer;
  private final Coach coach;
  private final CallContext context;
  private ScoreUpdate last;
  private long lastEmitAtMs = Long.MIN_VALUE;
  private boolean ended;

  public CallEngine(String callId, CoreConfig config) {
    this(callId, config, CallContext.fresh(callId, config));
  }

  /** A call whose customer has called before: {@code history} is what the shell found of their earlier calls. */
  public CallEngine(String callId, CoreConfig config, CallerHistory history) {
    this(callId, config, history, AgentBaseline.NONE);
  }

  /** … and {@code agent} is the pace of the agent's earlier calls, which their speaking rate and talk share are judged by. */
  public CallEngine(String callId, CoreConfig config, CallerHistory history, AgentBaseline agent) {
    this(callId, config, CallContext.of(callId, config, history, agent));
  }

  /**
   * A call started from {@code context}: its history, baseline and holdout arm are the context's, not looked up again
   * (a recovered or replayed call keeps those it ran with); the model is {@code config}'s.
   */
  public CallEngine(String callId, CoreConfig config, CallContext context) {
    this.callId = callId;
    this.config = config;
    this.context = context;
    this.scorer = Scorer.create(callId, config.model(), config.sentiment(), context.history(),
        context.baseline());
    this.coach = new Coach(callId, config.coaching());
  }

  /** Applies one frame and returns what to send back: maybe a score update, maybe prompts, and the signals. */
  public Step apply(CallFrame frame) {
    if (frame instanceof PromptFeedback feedback) {
      coach.feedback(feedback);
      scorer.observe(frame);
      return Step.NOTHING;
    }
    Observations observations = scorer.observe(frame);
    // A control call is scored exactly as a treated one; only the coaching is withheld.
    boolean coached = !ended && !(frame instanceof CallEnd)
        && (context.holdout() == null || !context.holdout().control());
    List<Prompt> prompts = !coached ? List.of()
        : frame instanceof CallStart start && !context.history().isEmpty() && scorer.remembers()
        ? coach.context(context.history().start(config.model().prior(Part.EMOTION), start.ts()).context(), start.seq())
        : coach.coach(observations, scorer);
    if (frame instanceof CallEnd) {
      ended = true;
    }
    Optional<ScoreUpdate> update = Optional.empty();
    if (mustScore(frame) || mayScore(observations.atMs())) {
      last = scorer.update();
      lastEmitAtMs = observations.atMs();
      update = Optional.of(last);
    }
    return new Step(update, prompts, observations.signals());
  }

  /** protocol v1: a score after every final utterance, event, call.start and call.end. */
  private static boolean mustScore(CallFrame frame) {
    return frame instanceof CallStart || frame instanceof SoftphoneEvent || frame instanceof CallEnd
        || frame instanceof Utterance utterance && utterance.isFinal();
  }

  /** Otherwise at most one update per emit interval of frame time, and only when something moved. */
  private boolean mayScore(long nowMs) {
    boolean due = lastEmitAtMs == Long.MIN_VALUE || nowMs - lastEmitAtMs >= config.emitMinIntervalMs();
    return due && (scorer.hasNewReasons() || last == null || scorer.peekScore() != last.score());
  }

  public Optional<ScoreUpdate> lastScore() {
    return Optional.ofNullable(last);
  }

  /** The fitted blend's inputs for the call so far (null for care-1): what calibrate fits outcomes on. */
  public double[] blendFeatures() {
    return scorer.blendFeatures();
  }

  /** The call's arm in its team's uplift experiment; empty when none runs. */
  public Optional<Holdout.Assignment> holdout() {
    return Optional.ofNullable(context.holdout());
  }

  /** What the customer's earlier calls said at call start (empty for a first-time or anonymous caller). */
  /** What the call started from: stored with it, so that it can be rebuilt as it ran. */
  public CallContext context() {
    return context;
  }

  public CallerHistory history() {
    return context.history();
  }

  public boolean ended() {
    return ended;
  }

  public String callId() {
    return callId;
  }

  public CallSummary summary() {
    ScoreUpdate now = last != null ? last : scorer.update();
    return new CallSummary(callId, config.modelId(), now.score(), now.callScore(), Math.min(scorer.minScore(),
        now.score()), now.parts(), coach.shown(), now.recovery(), context.holdout(), scorer.pace());
  }

  /** The output of one frame. */
  public record Step(Optional<ScoreUpdate> score, List<Prompt> prompts, List<Signal> signals) {

    /** A frame that produced nothing to send. */
    public static final Step NOTHING = new Step(Optional.empty(), List.of(), List.of());

    public Step {
      prompts = List.copyOf(prompts);
      signals = List.copyOf(signals);
    }
  }
}
