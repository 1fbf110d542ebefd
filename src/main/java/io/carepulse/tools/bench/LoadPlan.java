package io.carepulse.tools.bench;

import java.time.Duration;
import java.util.List;

/**
 * A load run: {@code calls} calls on their own sockets, each sending {@code ratesPerCall.get(i)} frames a second in
 * step i (warm-up, then a measured window). With {@code idleFrames > 0} the run is an idle one instead: every call
 * sends that many frames, then all stay connected and silent for up to {@code hold}.
 *
 * <p>{@code supervisors} dashboards watch the calls over {@code /v1/supervisor} while they run. Calls are grouped in
 * teams of {@code callsPerTeam} (0: all in one team) and each supervisor watches one team, the teams in turn, so
 * the rows each supervisor receives depend on the team size, not on the number of calls.
 */
record LoadPlan(String host, int port, String path, String jwtSecret, int calls, List<Double> ratesPerCall,
                Duration warmup, Duration window, Duration drain, int fleets, double stopAboveP99Millis,
                int idleFrames, Duration hold, String runId, int callsPerTeam, int supervisors) {

  /** The team of every call when calls are not grouped (the agents' tokens name it too). */
  static final String DEFAULT_TEAM = "bench";

  /** A plan without supervisors, every call in one team. */
  LoadPlan(String host, int port, String path, String jwtSecret, int calls, List<Double> ratesPerCall,
           Duration warmup, Duration window, Duration drain, int fleets, double stopAboveP99Millis,
           int idleFrames, Duration hold, String runId) {
    this(host, port, path, jwtSecret, calls, ratesPerCall, warmup, window, drain, fleets, stopAboveP99Millis,
        idleFrames, hold, runId, 0, 0);
  }

  int teams() {
    return callsPerTeam <= 0 ? 1 : (calls + callsPerTeam - 1) / callsPerTeam;
  }

  /** Call i's team: consecutive calls share one, so each team has {@code callsPerTeam} calls (the last maybe fewer). */
  String teamOfCall(int call) {
    return callsPerTeam <= 0 ? DEFAULT_TEAM : team(call / callsPerTeam);
  }

  /** Supervisor s watches one team; the teams in turn, so every team is watched when there are enough supervisors. */
  String teamOfSupervisor(int supervisor) {
    return callsPerTeam <= 0 ? DEFAULT_TEAM : team(supervisor % teams());
  }

  private static String team(int index) {
    return DEFAULT_TEAM + "-team-" + index;
  }

  /** Step i's rate; an idle run has none. */
  double ratePerCall(int step) {
    return ratesPerCall.get(step);
  }

  LoadPlan {
    ratesPerCall = List.copyOf(ratesPerCall);
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1");
    }
    if (idleFrames == 0 && ratesPerCall.isEmpty()) {
      throw new IllegalArgumentException("give at least one rate");
    }
    if (callsPerTeam < 0 || supervisors < 0) {
      throw new IllegalArgumentException("calls per team and supervisors cannot be negative");
    }
    if (ratesPerCall.stream().anyMatch(rate -> !(rate > 0))) {
      throw new IllegalArgumentException("rates must be above 0");
    }
    if (drain.compareTo(warmup) > 0) {
      // A step is closed during the next step's warm-up; a longer drain would overlap the next window.
      drain = warmup;
    }
  }
}
