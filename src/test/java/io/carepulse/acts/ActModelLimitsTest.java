package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carepulse.protocol.Speaker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a model file may hold: weights are stored as 16-bit steps of 0.001, so a weight beyond ±32.767 cannot be
 * represented and the model is refused, instead of wrapping to a weight of the other sign.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ActModelLimitsTest {

  private static final ActWeights CUSTOMER = new ActWeights(Speaker.CUSTOMER, new Act[] {Act.GRATITUDE},
      new float[] {0f}, new float[] {0.5f}, new int[0], new float[0][]);

  @Test
  void weightsUpToTheirSixteenBitRange_load_oneStepBeyond_isRefused() {
    assertThatCode(() -> model(32.767f, -32.768f)).doesNotThrowAnyException();
    assertThatThrownBy(() -> model(0.5f, 32.768f)).hasMessageContaining("weight out of range (|w| > 32.767) in feature row");
    assertThatThrownBy(() -> model(-32.769f, 0.5f)).hasMessageContaining("weight out of range (|w| > 32.767) in feature row");
  }

  @Test
  void theLargestWeights_stillCountWithTheirOwnSign() {
    ActModel model = model(32.767f, -32.768f);
    assertThat(model.classify(Speaker.AGENT, "alpha").probability(Act.APOLOGY)).isGreaterThan(0.999);
    assertThat(model.classify(Speaker.AGENT, "beta").probability(Act.APOLOGY)).isLessThan(0.001);
    assertThat(model.classify(Speaker.AGENT, "gamma").probability(Act.APOLOGY)).isEqualTo(0.5);
  }

  @Test
  void manyFeatureRows_areAllFound() {
    int rows = 5_000;
    int[] keys = new int[rows];
    for (int i = 0; i < rows; i++) {
      keys[i] = i + 1;
    }
    float[][] weights = new float[rows][];
    for (int i = 0; i < rows; i++) {
      weights[i] = new float[] {i % 7 == 0 ? 1f : 0f};
    }
    SpeakerClassifier classifier = new SpeakerClassifier(new ActWeights(Speaker.AGENT, new Act[] {Act.APOLOGY},
        new float[] {0f}, new float[] {0.5f}, keys, weights));
    FeatureBuffer features = new FeatureBuffer();
    for (int key = 1; key <= rows; key++) {
      features.add(key, 0, 0);
    }
    features.add(rows + 1, 0, 0);
    int[] logits = classifier.score(features);
    assertThat(logits[0]).as("one point per seventh row, in weight steps").isEqualTo(1000 * ((rows - 1) / 7 + 1));
    for (int i = 0; i < rows; i++) {
      assertThat(features.row[i]).isEqualTo(i);
    }
    assertThat(features.row[rows]).as("an unknown feature has no row").isEqualTo(-1);
  }

  @Test
  void moreRowsThanTheTableCanIndex_areRefused() {
    int rows = Character.MAX_VALUE + 1;
    int[] keys = new int[rows];
    float[][] weights = new float[rows][];
    for (int i = 0; i < rows; i++) {
      keys[i] = i + 1;
      weights[i] = new float[] {0f};
    }
    assertThatThrownBy(() -> new SpeakerClassifier(new ActWeights(Speaker.AGENT, new Act[] {Act.APOLOGY},
        new float[] {0f}, new float[] {0.5f}, keys, weights)))
        .hasMessageContaining("at most 65535 feature rows per speaker: 65536");
  }

  private static ActModel model(float alpha, float beta) {
    FeatureSet unigrams = new FeatureSet(1, 0, 0, false);
    int a = unigrams.extract("alpha")[0];
    int b = unigrams.extract("beta")[0];
    boolean alphaFirst = Integer.compareUnsigned(a, b) < 0;
    int[] keys = alphaFirst ? new int[] {a, b} : new int[] {b, a};
    float[][] weights = alphaFirst ? new float[][] {{alpha}, {beta}} : new float[][] {{beta}, {alpha}};
    return ActModel.of("limits", unigrams, new ActWeights(Speaker.AGENT, new Act[] {Act.APOLOGY}, new float[] {0f},
        new float[] {0.5f}, keys, weights), CUSTOMER);
  }
}
