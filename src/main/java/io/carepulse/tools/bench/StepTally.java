package io.carepulse.tools.bench;

import org.HdrHistogram.Histogram;

/**
 * What one event loop of the generator saw during one measurement window. Latencies are in microseconds, from the
 * moment a frame was <em>scheduled</em> to be sent (open loop: a late send counts against the latency, so nothing is
 * hidden by coordinated omission). Used on one event loop, then handed over once and merged.
 */
final class StepTally {

  /** Anything slower than a minute is recorded as a minute; the step has failed long before that. */
  private static final long HIGHEST_MICROS = 60_000_000L;

  /** Scheduled send → its {@code ack}: every frame gets one (cumulative acks acknowledge several at once). */
  final Histogram ack = histogram();
  /** Scheduled send → its {@code score}, for the frames protocol v1 must score (call.start, finals, events). */
  final Histogram score = histogram();
  /** Scheduled send → actual write: the generator's own lateness, already included in both latencies above. */
  final Histogram sendLag = histogram();
  long sent;
  /** Frames due in the window that could not be sent: call not connected, or too many unacknowledged. */
  long notSent;
  long received;
  long errors;
  /** Frames of the window still unacknowledged when the step closed; recorded with their age then. */
  long unanswered;
  /** Frames that were acknowledged although the score protocol v1 promises for them never came. */
  long scoreMissing;
  /** Scores for frames that did not require one (the core may score others, at most a few per second). */
  long extraScores;
  long prompts;
  long unexpectedCloses;
  final java.util.List<String> errorSamples = new java.util.ArrayList<>();

  private static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  static void record(Histogram histogram, long nanos) {
    histogram.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, nanos / 1_000)));
  }

  void error(String sample) {
    errors++;
    if (errorSamples.size() < 5) {
      errorSamples.add(sample);
    }
  }

  void add(StepTally other) {
    ack.add(other.ack);
    score.add(other.score);
    sendLag.add(other.sendLag);
    sent += other.sent;
    notSent += other.notSent;
    received += other.received;
    errors += other.errors;
    unanswered += other.unanswered;
    scoreMissing += other.scoreMissing;
    extraScores += other.extraScores;
    prompts += other.prompts;
    unexpectedCloses += other.unexpectedCloses;
    for (String sample : other.errorSamples) {
      if (errorSamples.size() < 5) {
        errorSamples.add(sample);
      }
    }
  }
}
