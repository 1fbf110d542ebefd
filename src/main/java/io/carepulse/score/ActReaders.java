package io.carepulse.score;

/** The act readers a model can name in {@code model.acts}. */
public final class ActReaders {

  /** care-2's phrase-list stand-in (model/care-2-acts.txt). */
  public static final String PHRASES = "phrases";

  private ActReaders() {
  }

  public static ActReader named(String name) {
    return switch (name) {
      case PHRASES -> PhraseActReader.standard();
      default -> throw new IllegalArgumentException("unknown act reader " + name + " (model.acts): known: " + PHRASES);
    };
  }
}
