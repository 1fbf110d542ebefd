package io.carepulse.score;

/**
 * How one call's agent spoke, in plain figures kept with the call so later calls can judge the agent against their
 * own normal (docs/score-model.md "Agent baselines"): the mean speaking rate of the audio windows, the rate of long
 * transcript turns, and the agent's share of the talk time. Each is null when the call measured too little of it.
 * Behaviour only: words and timing, never the agent's emotion.
 */
public record AgentPace(Double wordsPerMin, Double turnWordsPerMin, Double talkShare) {

  public static final AgentPace NONE = new AgentPace(null, null, null);

  public boolean isEmpty() {
    return wordsPerMin == null && turnWordsPerMin == null && talkShare == null;
  }
}
