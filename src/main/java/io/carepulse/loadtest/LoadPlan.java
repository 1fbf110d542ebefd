package io.carepulse.loadtest;

import java.time.Duration;
import java.util.List;

/**
 * A load run: {@code calls} calls on their own sockets, each sending {@code ratesPerCall.get(i)} frames a second in
 * step i (warm-up, then a measured window). With {@code idleFrames > 0} the run is an idle one instead: every call
 * sends that many frames, then all stay connected and silent for up to {@code hold}.
 */
record LoadPlan(String host, int port, String path, String jwtSecret, int calls, List<Double> ratesPerCall,
                Duration warmup, Duration window, Duration drain, int fleets, double stopAboveP99Millis,
                int idleFrames, Duration hold, String runId) {

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
    if (ratesPerCall.stream().anyMatch(rate -> !(rate > 0))) {
      throw new IllegalArgumentException("rates must be above 0");
    }
    if (drain.compareTo(warmup) > 0) {
      // A step is closed during the next step's warm-up; a longer drain would overlap the next window.
      drain = warmup;
    }
  }
}
