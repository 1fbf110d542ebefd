package io.carepulse.score;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An agent's normal, handed to the core at call start (the shell fetches it the way it fetches a caller's history):
 * the pace of the agent's recent earlier calls, oldest first. Plain values, so a recovered or replayed call given the
 * same baseline scores and coaches the same.
 */
public record AgentBaseline(List<AgentPace> calls) {

  /** A new agent, or none known: the fixed thresholds apply. */
  public static final AgentBaseline NONE = new AgentBaseline(List.of());

  public AgentBaseline {
    calls = List.copyOf(calls);
  }

  /**
   * The threshold for this agent: {@code fixed} while fewer than {@code minCalls} earlier calls measured the figure;
   * else the agent's usual value (the median, so one odd call does not move it) raised by {@code raise}, kept within
   * [{@code floor}, {@code ceiling}] — the ceiling is what counts as extreme whatever the agent's normal.
   */
  public double threshold(Function<AgentPace, Double> figure, int minCalls, double fixed,
                          java.util.function.DoubleUnaryOperator raise, double floor, double ceiling) {
    double[] values = calls.stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
        .sorted().toArray();
    if (values.length == 0 || values.length < minCalls) {
      return fixed;
    }
    int mid = values.length / 2;
    double usual = values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    return Math.max(floor, Math.min(ceiling, raise.applyAsDouble(usual)));
  }
}
