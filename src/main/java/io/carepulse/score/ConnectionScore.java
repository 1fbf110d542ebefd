package io.carepulse.score;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The "I care" connection score of one call: six rolling parts combined by the model's weights, the whole-call
 * score, the trend, the lowest point and the recovery from it, and the reasons for every noticeable move.
 */
final class ConnectionScore {

  private static final int MAX_REASONS = 6;
  private static final Part[] PARTS = Part.values();
  private static final int EMOTION = Part.EMOTION.ordinal();

  private final ScoringModel model;
  /** By {@link Part#ordinal()}; plain arrays because the score is read on almost every frame. */
  private final RollingPart[] parts = new RollingPart[PARTS.length];
  private final double[] weights = new double[PARTS.length];
  private final double weightSum;
  private final double endWeight;
  private final double minDelta;
  private final double lowMood;
  private final double recoveredMood;
  private final double recoveryGain;
  private final double recoveryMaxBonus;
  private final long trendWindowMs;
  private final double trendPoints;

  private final List<Reason> pendingReasons = new ArrayList<>();
  private final Deque<long[]> history = new ArrayDeque<>();
  private double moodLow = Double.MAX_VALUE;
  private boolean lowEpisode;
  private int minScore = Integer.MAX_VALUE;
  private long minAtMs;

  ConnectionScore(ScoringModel model) {
    this.model = model;
    double halfLife = model.number("rolling.halfLifeMs");
    double priorWeight = model.number("prior.weight");
    double sum = 0;
    for (Part part : PARTS) {
      parts[part.ordinal()] = new RollingPart(model.prior(part), priorWeight, halfLife);
      weights[part.ordinal()] = model.weight(part);
      sum += model.weight(part);
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("model " + model.id() + ": part weights sum to zero");
    }
    weightSum = sum;
    endWeight = model.number("callScore.endWeight");
    minDelta = model.number("reasons.minDelta");
    lowMood = model.number("recovery.lowMood");
    recoveredMood = model.number("recovery.recoveredMood");
    recoveryGain = model.number("recovery.gain");
    recoveryMaxBonus = model.number("recovery.maxBonus");
    trendWindowMs = model.millis("trend.windowMs");
    trendPoints = model.number("trend.points");
  }

  /** Applies a frame's evidence, keeping a reason for each move of at least reasons.minDelta points. */
  void apply(Observations observations) {
    long now = observations.atMs();
    boolean customerSpoke = hasEmotionEvidence(observations);
    double bonusBefore = customerSpoke ? recoveryBonus(mood(now, null)) : 0;
    for (Evidence evidence : observations.evidence()) {
      RollingPart part = parts[evidence.part().ordinal()];
      double before = part.rolling(now);
      part.add(evidence.value(), evidence.weight(), now);
      double delta = part.rolling(now) - before;
      if (Math.abs(delta) >= minDelta) {
        pendingReasons.add(new Reason(evidence.rule(), evidence.part(), delta, evidence.frames(), evidence.text()));
      }
    }
    if (customerSpoke) {
      trackMood(observations, bonusBefore);
    }
  }

  private void trackMood(Observations observations, double bonusBefore) {
    double mood = mood(observations.atMs(), null);
    if (mood <= lowMood) {
      lowEpisode = true;
    }
    moodLow = Math.min(moodLow, mood);
    double bonus = recoveryBonus(mood);
    if (bonus - bonusBefore >= minDelta) {
      pendingReasons.add(new Reason("customer_recovery", Part.EMOTION, bonus - bonusBefore,
          List.of("seq:" + observations.seq()), "Customer's mood is recovering from its low point"));
    }
    if (lowEpisode && mood >= recoveredMood) {
      lowEpisode = false;
      observations.signal(Signal.Kind.CUSTOMER_RECOVERED);
    }
  }

  private static boolean hasEmotionEvidence(Observations observations) {
    for (Evidence evidence : observations.evidence()) {
      if (evidence.part() == Part.EMOTION) {
        return true;
      }
    }
    return false;
  }

  /** The customer's mood: the rolling emotion part before any recovery bonus. */
  double mood(long now, Evidence provisional) {
    RollingPart emotion = parts[EMOTION];
    return provisional == null ? emotion.rolling(now)
        : emotion.rollingWith(provisional.value(), provisional.weight(), now);
  }

  private double recoveryBonus(double mood) {
    if (moodLow > lowMood) {
      return 0;
    }
    return Math.min(recoveryMaxBonus, recoveryGain * Math.max(0, mood - moodLow));
  }

  /** The rolling score at {@code now}, without recording anything. */
  int peek(long now, Evidence provisional) {
    return (int) Math.round(combine(rollingParts(now, provisional)));
  }

  private double[] rollingParts(long now, Evidence provisional) {
    double mood = mood(now, provisional);
    double bonus = recoveryBonus(mood);
    double[] rolling = new double[PARTS.length];
    for (int part = 0; part < PARTS.length; part++) {
      rolling[part] = part == EMOTION ? clamp(mood + bonus) : parts[part].rolling(now);
    }
    return rolling;
  }

  /** The score as it stands at {@code now}; records the point for trend and recovery. */
  Snapshot snapshot(long now, Evidence provisional) {
    double[] rolling = rollingParts(now, provisional);
    double bonus = recoveryBonus(mood(now, null));
    double[] whole = new double[PARTS.length];
    for (int part = 0; part < PARTS.length; part++) {
      double value = parts[part].wholeCall();
      whole[part] = part == EMOTION ? clamp(value + bonus) : value;
    }
    int score = (int) Math.round(combine(rolling));
    int callScore = (int) Math.round(endWeight * combine(rolling) + (1 - endWeight) * combine(whole));
    Trend trend = trend(now, score);
    history.addLast(new long[] {now, score});
    if (score < minScore) {
      minScore = score;
      minAtMs = now;
    }
    long sinceMin = now - minAtMs;
    double slope = sinceMin >= 1000 ? (score - minScore) / (sinceMin / 60000.0) : 0;
    List<Reason> reasons = takeReasons();
    return new Snapshot(score, callScore, toParts(rolling), trend, new Recovery(minScore, minAtMs, sinceMin, slope),
        reasons);
  }

  boolean hasPendingReasons() {
    return !pendingReasons.isEmpty();
  }

  int minScore() {
    return minScore == Integer.MAX_VALUE ? (int) Math.round(combine(priors())) : minScore;
  }

  private List<Reason> takeReasons() {
    List<Reason> reasons = new ArrayList<>(pendingReasons);
    pendingReasons.clear();
    if (reasons.size() > MAX_REASONS) {
      reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.delta())));
      reasons = new ArrayList<>(reasons.subList(0, MAX_REASONS));
    }
    return reasons;
  }

  private Trend trend(long now, int score) {
    while (history.size() > 1 && now - history.peekFirst()[0] > trendWindowMs && secondOlderThanWindow(now)) {
      history.removeFirst();
    }
    if (history.isEmpty() || now - history.peekFirst()[0] < trendWindowMs / 3) {
      return Trend.STEADY;
    }
    long past = history.peekFirst()[1];
    if (score - past >= trendPoints) {
      return Trend.RISING;
    }
    return past - score >= trendPoints ? Trend.FALLING : Trend.STEADY;
  }

  /** Keeps the newest point that is at least a window old as the reference for the trend. */
  private boolean secondOlderThanWindow(long now) {
    var iterator = history.iterator();
    iterator.next();
    return now - iterator.next()[0] >= trendWindowMs;
  }

  private double combine(double[] values) {
    double sum = 0;
    for (int part = 0; part < PARTS.length; part++) {
      sum += weights[part] * values[part];
    }
    return sum / weightSum;
  }

  private double[] priors() {
    double[] priors = new double[PARTS.length];
    for (Part part : PARTS) {
      priors[part.ordinal()] = model.prior(part);
    }
    return priors;
  }

  private static Parts toParts(double[] values) {
    return new Parts(round(values[Part.EMOTION.ordinal()]), round(values[Part.EMPATHY.ordinal()]),
        round(values[Part.OWNERSHIP.ordinal()]), round(values[Part.LISTENING.ordinal()]),
        round(values[Part.RESPONSIVENESS.ordinal()]), round(values[Part.PERSONAL.ordinal()]));
  }

  private static int round(double value) {
    return (int) Math.round(value);
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(100, value));
  }

  record Snapshot(int score, int callScore, Parts parts, Trend trend, Recovery recovery, List<Reason> reasons) {
  }
}
