package io.carepulse.score;

/** The act readers a model can name in {@code model.acts}. */
public final class ActReaders {

  /** care-2's phrase-list stand-in (model/care-2-acts.txt). */
  public static final String PHRASES = "phrases";
  /** The trained classifiers shipped as model/acts-1.model (io.carepulse.acts). */
  public static final String ACTS_1 = "acts-1";
  /** acts-1 for the agent; for the customer, the phrases or acts-1 when it is sure ({@link CombinedActReader}). */
  public static final String ACTS_1_AND_PHRASES = "acts-1+phrases";

  private ActReaders() {
  }

  public static ActReader named(String name) {
    return switch (name) {
      case PHRASES -> PhraseActReader.standard();
      case ACTS_1 -> ClassifierActReader.standard();
      case ACTS_1_AND_PHRASES -> CombinedActReader.standard();
      default -> throw new IllegalArgumentException("unknown act reader " + name + " (model.acts): known: " + PHRASES
          + ", " + ACTS_1 + ", " + ACTS_1_AND_PHRASES);
    };
  }
}
