package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.List;

/**
 * The trained classifier reads every turn; the phrase list speaks only for a turn in which the classifier finds no
 * act at all, so a wording the data never had but the list anticipated ("escalate this", "as per our policy") is not
 * lost, and the list never overrides what the classifier decided.
 */
public final class FallbackActReader implements ActReader {

  private final ActReader primary;
  private final ActReader fallback;

  public FallbackActReader(ActReader primary, ActReader fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public String id() {
    return primary.id() + "+fallback";
  }

  @Override
  public TurnActs read(Speaker speaker, String text, List<String> tokens) {
    TurnActs acts = primary.read(speaker, text, tokens);
    return acts.none() ? fallback.read(speaker, text, tokens) : acts;
  }
}
