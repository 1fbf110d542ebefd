package io.carepulse.score;

import java.util.ArrayList;
import java.util.List;

/** What the detectors produced for one frame: evidence for the score and signals for the coach. */
public final class Observations {

  private final long seq;
  private final long atMs;
  private final List<Evidence> evidence = new ArrayList<>();
  private final List<Signal> signals = new ArrayList<>();

  public Observations(long seq, long atMs) {
    this.seq = seq;
    this.atMs = atMs;
  }

  public long seq() {
    return seq;
  }

  public long atMs() {
    return atMs;
  }

  public void evidence(Part part, double value, double weight, String rule, String frame, String text) {
    evidence.add(new Evidence(part, clamp(value), weight, rule, List.of(frame), text));
  }

  public void evidence(Part part, double value, double weight, String rule, List<String> frames, String text) {
    evidence.add(new Evidence(part, clamp(value), weight, rule, frames, text));
  }

  public void signal(Signal.Kind kind) {
    signals.add(new Signal(kind, seq, atMs, 0));
  }

  public void signal(Signal.Kind kind, long amountMs) {
    signals.add(new Signal(kind, seq, atMs, amountMs));
  }

  public boolean has(Signal.Kind kind) {
    for (Signal signal : signals) {
      if (signal.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  public List<Evidence> evidence() {
    return evidence;
  }

  public List<Signal> signals() {
    return signals;
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(100, value));
  }
}
