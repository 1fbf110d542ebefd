package io.carepulse.coach;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The uplift experiment a team's playbook runs (docs/uplift.md): a share of calls, the control arm, is scored as usual
 * but gets no coaching prompts, so treated and control calls can be compared. A call's arm depends only on its call id
 * and the experiment id: the first 8 bytes of SHA-256(UTF-8 of {@code experiment + "\n" + callId}), read big-endian as
 * an unsigned number and scaled to [0, 1), put the call in control when below {@code share}. Anyone can recompute it,
 * a restarted or replayed call lands in the same arm, and a new experiment id draws a fresh, independent split.
 */
public record Holdout(String experiment, double share) {

  /** A team with no experiment: every call is coached. */
  public static final Holdout NONE = new Holdout(null, 0);

  /** Beyond half the calls, the treated arm would be the smaller one: the experiment stops coaching most agents. */
  public static final double MAX_SHARE = 0.5;

  /** Experiment ids share the call id alphabet, so the "\n" separator never occurs in either. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public Holdout {
    if (!(share >= 0 && share <= MAX_SHARE)) {
      throw new IllegalArgumentException("holdout.share must be between 0 and " + MAX_SHARE + ", got " + share);
    }
    if (share > 0 && (experiment == null || !ID.matcher(experiment).matches())) {
      throw new IllegalArgumentException("holdout.experiment must be 1-64 characters of [A-Za-z0-9._:-]");
    }
  }

  /** The call's arm, or empty when no experiment runs. */
  public Optional<Assignment> assign(String callId) {
    if (share == 0) {
      return Optional.empty();
    }
    return Optional.of(new Assignment(experiment, position(experiment, callId) < share ? Arm.CONTROL : Arm.TREATED));
  }

  /** Where the call falls in [0, 1): uniform over call ids, fixed for a given experiment. */
  public static double position(String experiment, String callId) {
    byte[] digest = sha256((experiment + "\n" + callId).getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = bits << 8 | (digest[i] & 0xFF);
    }
    return (bits >>> 11) * 0x1.0p-53;
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Treated calls are coached as usual; control calls are scored but never prompted. */
  public enum Arm {
    TREATED, CONTROL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Arm fromWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /** One call's place in an experiment. */
  public record Assignment(String experiment, Arm arm) {

    public boolean control() {
      return arm == Arm.CONTROL;
    }
  }
}
