package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.List;

/**
 * care-2's understanding layer: what a final utterance does. The score reads utterances only through this, so a
 * better classifier is one adapter away. Implementations are immutable, thread-safe and deterministic.
 */
public interface ActReader {

  /** Names the reader and its version; it appears in the model file (model.acts). */
  String id();

  /** The acts of one utterance of {@code speaker}; {@code tokens} are {@link Tokens#of} the text. */
  TurnActs read(Speaker speaker, String text, List<String> tokens);
}
