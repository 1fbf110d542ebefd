package io.carepulse.score;

import java.util.ArrayList;
import java.util.List;

/**
 * What one utterance does: the acts found, each with its probability and the words that carried it (quoted from
 * the utterance, so a reason can show them). Immutable.
 */
public final class TurnActs {

  private static final UtteranceAct[] ACTS = UtteranceAct.values();
  private static final TurnActs NONE = new TurnActs(0, new String[ACTS.length], new float[ACTS.length]);

  private final long found;
  private final String[] evidence;
  private final float[] probability;

  private TurnActs(long found, String[] evidence, float[] probability) {
    this.found = found;
    this.evidence = evidence;
    this.probability = probability;
  }

  public static TurnActs empty() {
    return NONE;
  }

  public boolean has(UtteranceAct act) {
    return (found & (1L << act.ordinal())) != 0;
  }

  public boolean none() {
    return found == 0;
  }

  /** The words that carried {@code act}, or null when it was not found. */
  public String evidence(UtteranceAct act) {
    return has(act) ? evidence[act.ordinal()] : null;
  }

  /** The reader's confidence in {@code act}, 0..1 (1 for a phrase match; 0 when not found). */
  public double probability(UtteranceAct act) {
    return has(act) ? probability[act.ordinal()] : 0;
  }

  /** True when any act of the customer signals dissatisfaction. */
  public boolean anyNegativeCustomerAct() {
    for (UtteranceAct act : ACTS) {
      if (has(act) && act.negativeCustomerAct()) {
        return true;
      }
    }
    return false;
  }

  public List<UtteranceAct> found() {
    List<UtteranceAct> acts = new ArrayList<>();
    for (UtteranceAct act : ACTS) {
      if (has(act)) {
        acts.add(act);
      }
    }
    return acts;
  }

  /** These acts and {@code act} too, carried by {@code words} (unchanged when it is already there). */
  public TurnActs with(UtteranceAct act, String words, double p) {
    if (has(act)) {
      return this;
    }
    Builder builder = new Builder();
    for (UtteranceAct a : ACTS) {
      if (has(a)) {
        builder.add(a, evidence[a.ordinal()], probability[a.ordinal()]);
      }
    }
    return builder.add(act, words, p).build();
  }

  public TurnActs without(UtteranceAct act) {
    if (!has(act)) {
      return this;
    }
    Builder builder = new Builder();
    for (UtteranceAct a : ACTS) {
      if (a != act && has(a)) {
        builder.add(a, evidence[a.ordinal()], probability[a.ordinal()]);
      }
    }
    return builder.build();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (UtteranceAct act : found()) {
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(act.wire()).append(" \"").append(evidence(act)).append('"');
    }
    return s.isEmpty() ? "none" : s.toString();
  }

  /** The acts either reading found; where both found one, {@code first}'s words and probability. */
  public static TurnActs either(TurnActs first, TurnActs second) {
    if (second.none()) {
      return first;
    }
    if (first.none()) {
      return second;
    }
    Builder both = new Builder();
    for (UtteranceAct act : first.found()) {
      both.add(act, first.evidence(act), first.probability(act));
    }
    for (UtteranceAct act : second.found()) {
      both.add(act, second.evidence(act), second.probability(act));
    }
    return both.build();
  }

  /** Collects the acts of one utterance; the first evidence given for an act is kept. */
  public static final class Builder {
    private long found;
    private String[] evidence;
    private float[] probability;

    public Builder add(UtteranceAct act, String words, double p) {
      if ((found & (1L << act.ordinal())) != 0) {
        return this;
      }
      if (evidence == null) {
        evidence = new String[ACTS.length];
        probability = new float[ACTS.length];
      }
      found |= 1L << act.ordinal();
      evidence[act.ordinal()] = words;
      probability[act.ordinal()] = (float) p;
      return this;
    }

    public boolean has(UtteranceAct act) {
      return (found & (1L << act.ordinal())) != 0;
    }

    public TurnActs build() {
      return found == 0 ? NONE : new TurnActs(found, evidence, probability);
    }
  }
}
