package io.carepulse.acts;

import io.carepulse.protocol.Speaker;
import java.util.ArrayList;
import java.util.List;

/**
 * What one utterance does: the acts found, each act's probability, and for each act found the words of the
 * utterance that carried it, quoted as written. Immutable; acts of the other speaker are never found and have
 * probability 0.
 */
public final class DialogueActs {

  private static final int[] NO_EVIDENCE = new int[0];

  private final SpeakerClassifier model;
  private final String text;
  /** In units of {@link ActModelFile#SCALE}. */
  private final int[] logits;
  private final long found;
  private final int[] evidence;

  DialogueActs(SpeakerClassifier model, String text, int[] logits, long found, int[] evidence) {
    this.model = model;
    this.text = text;
    this.logits = logits;
    this.found = found;
    this.evidence = evidence;
  }

  static DialogueActs of(SpeakerClassifier model, String text, int[] logits, long found, int[] evidence) {
    return new DialogueActs(model, text, logits, found, found == 0 ? NO_EVIDENCE : evidence);
  }

  public Speaker speaker() {
    return model.speaker;
  }

  public String text() {
    return text;
  }

  public boolean has(Act act) {
    return (found & (1L << act.ordinal())) != 0;
  }

  /** True when no act was found (plain information, small talk). */
  public boolean none() {
    return found == 0;
  }

  /** The acts found, in {@link Act} order. */
  public List<Act> found() {
    List<Act> acts = new ArrayList<>(Long.bitCount(found));
    for (Act act : model.acts) {
      if (has(act)) {
        acts.add(act);
      }
    }
    return acts;
  }

  /** The classifier's probability that the utterance does {@code act}; 0 for the other speaker's acts. */
  public double probability(Act act) {
    int i = indexOf(act);
    return i < 0 ? 0 : 1 / (1 + Math.exp(-logits[i] * ActModelFile.SCALE));
  }

  /**
   * The words that carried {@code act}, as runs of the utterance's own text in utterance order (fillers or
   * punctuation inside a run are kept as said): {@code ["not my department"]}. Empty when the act was not found.
   */
  public List<String> evidence(Act act) {
    if (!has(act)) {
      return List.of();
    }
    int at = 0;
    for (Act a : model.acts) {
      if (a == act) {
        break;
      }
      if (has(a)) {
        at += 1 + 2 * evidence[at];
      }
    }
    int runs = evidence[at];
    List<String> words = new ArrayList<>(runs);
    for (int r = 0; r < runs; r++) {
      words.add(text.substring(evidence[at + 1 + 2 * r], evidence[at + 2 + 2 * r]));
    }
    return words;
  }

  /** The evidence of {@code act} as one quote for a reason: {@code "not my department … policy"}. */
  public String quote(Act act) {
    return String.join(" … ", evidence(act));
  }

  private int indexOf(Act act) {
    if (act.speaker() != model.speaker) {
      return -1;
    }
    Act[] acts = model.acts;
    for (int i = 0; i < acts.length; i++) {
      if (acts[i] == act) {
        return i;
      }
    }
    return -1;
  }

  /** {@code deflection 0.93 "not my department", courtesy 0.71 "thanks for calling"}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Act act : found()) {
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(act.wire()).append(' ').append(String.format(java.util.Locale.ROOT, "%.2f", probability(act)))
          .append(" \"").append(quote(act)).append('"');
    }
    return s.isEmpty() ? "none" : s.toString();
  }
}
