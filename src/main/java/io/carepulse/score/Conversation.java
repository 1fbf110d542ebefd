package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The facts about a call that several detectors need: when it started, the latest turns, who is talking, talk time,
 * and the customer's name. Time is call time: milliseconds since the call.start frame's ts.
 */
public final class Conversation {

  private long startTs = Long.MIN_VALUE;
  private long nowMs;
  private List<String> customerNameTokens = List.of();
  private String customerFirstName;
  private Turn lastCustomerTurn;
  private Turn lastAgentTurn;
  private long lastVoiceEndMs;
  private long customerSpeakingUntilMs = Long.MIN_VALUE;
  private String openCustomerPartial;
  private long agentTalkMs;
  private long customerTalkMs;
  private int agentTurns;

  /** Sets the clock from a frame; the first frame (normally call.start) fixes time zero. */
  public long advance(long ts) {
    if (startTs == Long.MIN_VALUE) {
      startTs = ts;
    }
    nowMs = Math.max(nowMs, ts - startTs);
    return nowMs;
  }

  public long nowMs() {
    return nowMs;
  }

  public void customerName(String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    List<String> tokens = new ArrayList<>();
    for (String token : Tokens.of(name)) {
      if (token.length() >= 2) {
        tokens.add(token);
      }
    }
    customerNameTokens = List.copyOf(tokens);
    String first = name.strip().split("\\s+")[0];
    customerFirstName = first.isEmpty() ? null : first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1);
  }

  public List<String> customerNameTokens() {
    return customerNameTokens;
  }

  public String customerFirstName() {
    return customerFirstName;
  }

  /** Records a final turn: talk time, voice activity, and closes the customer's open partial if it was this one. */
  public void turn(Turn turn) {
    long duration = Math.max(0, turn.durationMs());
    if (turn.speaker() == Speaker.CUSTOMER) {
      lastCustomerTurn = turn;
      customerTalkMs += duration;
      openCustomerPartial = null;
      customerSpeakingUntilMs = Long.MIN_VALUE;
    } else {
      lastAgentTurn = turn;
      agentTalkMs += duration;
      agentTurns++;
    }
    voice(turn.endMs());
  }

  /** A customer partial means the customer is still speaking until its final arrives. */
  public void customerPartial(String utteranceId) {
    openCustomerPartial = utteranceId == null ? "" : utteranceId;
    voice(nowMs);
  }

  /** Acoustic evidence of speech; for the customer it also means "speaking right now" for a window. */
  public void voicedWindow(Speaker speaker, long endMs, long windowMs) {
    voice(endMs);
    if (speaker == Speaker.CUSTOMER) {
      customerSpeakingUntilMs = Math.max(customerSpeakingUntilMs, endMs + windowMs);
    }
  }

  /** A hold that ends is not a silence: the dead-air clock restarts when the customer is back. */
  public void holdEnded() {
    voice(nowMs);
  }

  private void voice(long atMs) {
    lastVoiceEndMs = Math.max(lastVoiceEndMs, atMs);
  }

  public boolean customerSpeaking() {
    return openCustomerPartial != null || nowMs < customerSpeakingUntilMs;
  }

  public long lastVoiceEndMs() {
    return lastVoiceEndMs;
  }

  public Turn lastCustomerTurn() {
    return lastCustomerTurn;
  }

  public Turn lastAgentTurn() {
    return lastAgentTurn;
  }

  public long agentTalkMs() {
    return agentTalkMs;
  }

  public long customerTalkMs() {
    return customerTalkMs;
  }

  public int agentTurns() {
    return agentTurns;
  }
}
