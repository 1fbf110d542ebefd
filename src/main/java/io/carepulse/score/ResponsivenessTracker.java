package io.carepulse.score;

import io.carepulse.protocol.SoftphoneEvent;

/**
 * Responsiveness, from timing and softphone state: dead air, holds without a check-in, being on mute while the
 * customer speaks, and prompt replies. Silence is judged on every frame (audio windows keep arriving while nobody
 * speaks), so a long silence is noticed while it is still happening.
 */
final class ResponsivenessTracker {

  private final long deadAirMs;
  private final double deadAirValue;
  private final long holdLimitMs;
  private final double holdValue;
  private final double muteValue;
  private final long quickReplyMs;
  private final double quickReplyValue;
  private final double quickReplyWeight;
  private final double checkInValue;

  private boolean onHold;
  private long holdSinceMs;
  private int holdPenalties;
  private boolean muted;
  private long mutedSinceMs;
  private boolean mutePenalised;
  private long silenceStartMs = -1;
  private int silencePenalties;

  ResponsivenessTracker(ScoringModel model) {
    deadAirMs = model.millis("responsiveness.deadAirMs");
    deadAirValue = model.number("responsiveness.deadAirValue");
    holdLimitMs = model.millis("responsiveness.holdLimitMs");
    holdValue = model.number("responsiveness.holdValue");
    muteValue = model.number("responsiveness.muteValue");
    quickReplyMs = model.millis("responsiveness.quickReplyMs");
    quickReplyValue = model.number("responsiveness.quickReplyValue");
    quickReplyWeight = model.number("responsiveness.quickReplyWeight");
    checkInValue = model.number("responsiveness.checkInValue");
  }

  void event(SoftphoneEvent event, Conversation conversation, Observations out) {
    long nowMs = conversation.nowMs();
    switch (event.kind()) {
      case HOLD -> {
        onHold = true;
        holdSinceMs = nowMs;
        holdPenalties = 0;
      }
      case UNHOLD -> {
        if (onHold) {
          out.signal(Signal.Kind.CHECKED_IN);
          conversation.holdEnded();
        }
        onHold = false;
      }
      case MUTE -> {
        muted = true;
        mutedSinceMs = nowMs;
        mutePenalised = false;
      }
      case UNMUTE -> muted = false;
      default -> {
      }
    }
  }

  /**
   * A voiced utterance ends any silence; gaps only seen now (no audio frames) are judged here. Detectors run
   * before the turn is recorded in the conversation, so the conversation still shows the previous turns.
   */
  void turn(Turn turn, Conversation conversation, Observations out) {
    long gap = turn.startMs() - conversation.lastVoiceEndMs();
    if (!onHold && silenceStartMs < 0 && gap >= deadAirMs) {
      out.evidence(Part.RESPONSIVENESS, deadAirValue, Math.min(3.0, (double) gap / deadAirMs), "dead_air",
          turn.ref(), "Nobody spoke for " + gap / 1000 + " s");
    }
    silenceStartMs = -1;
    silencePenalties = 0;
  }

  void agentTurn(Turn turn, Conversation conversation, Observations out) {
    Turn customer = conversation.lastCustomerTurn();
    if (turn.has(Cue.CHECK_IN)) {
      out.evidence(Part.RESPONSIVENESS, checkInValue, 1.0, "checked_in", turn.ref(), "Agent checked in");
      out.signal(Signal.Kind.CHECKED_IN);
      holdSinceMs = turn.endMs();
      holdPenalties = 0;
    }
    Turn previousAgent = conversation.lastAgentTurn();
    boolean firstReply = previousAgent == null || customer != null && previousAgent.endMs() <= customer.startMs();
    if (customer != null && firstReply && customer.endMs() <= turn.startMs()
        && turn.startMs() - customer.endMs() <= quickReplyMs) {
      out.evidence(Part.RESPONSIVENESS, quickReplyValue, quickReplyWeight, "prompt_reply", turn.ref(),
          "Agent answered promptly");
    }
  }

  void customerTurn(Turn turn, Observations out) {
    if (muted && !mutePenalised && turn.endMs() >= mutedSinceMs) {
      mutePenalised = true;
      out.evidence(Part.RESPONSIVENESS, muteValue, 1.0, "muted_while_customer_spoke", turn.ref(),
          "Agent was on mute while the customer spoke");
    }
  }

  /** Called on every frame: long holds and ongoing silence. The frame reference is built only when needed. */
  void tick(Conversation conversation, long seq, Observations out) {
    long now = conversation.nowMs();
    if (onHold) {
      long held = now - holdSinceMs;
      if (held >= holdLimitMs * (holdPenalties + 1)) {
        holdPenalties++;
        out.evidence(Part.RESPONSIVENESS, holdValue, 1.0, "long_hold", "seq:" + seq,
            "Customer on hold for " + held / 1000 + " s without a check-in");
      }
      if (held >= holdLimitMs) {
        out.signal(Signal.Kind.LONG_HOLD, held);
      }
      return;
    }
    long silent = now - conversation.lastVoiceEndMs();
    if (silent >= deadAirMs && !conversation.customerSpeaking()) {
      if (silenceStartMs < 0) {
        silenceStartMs = conversation.lastVoiceEndMs();
      }
      if (silent >= deadAirMs * (silencePenalties + 1)) {
        silencePenalties++;
        out.evidence(Part.RESPONSIVENESS, deadAirValue, 1.0, "dead_air", "seq:" + seq, "Nobody has spoken for "
            + silent / 1000 + " s");
      }
      out.signal(Signal.Kind.DEAD_AIR, silent);
    }
  }
}
