package io.carepulse.live;

import io.carepulse.score.AgentBaseline;
import java.time.Instant;

/**
 * What a live call needs to judge its agent by their own normal: the pace of their earlier calls, looked up once at
 * call start without blocking (the application keeps it at hand). Only ended calls that started before
 * {@code startedAt} count, so a recovered call is given the baseline it first had.
 */
public interface AgentNorms {

  /** No baselines: every agent is judged by the fixed thresholds. */
  AgentNorms NONE = (agentId, startedAt) -> AgentBaseline.NONE;

  AgentBaseline recall(String agentId, Instant startedAt);
}
