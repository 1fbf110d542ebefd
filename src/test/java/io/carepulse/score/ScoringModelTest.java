package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model file (written by calibrate, named with {@code --model FILE}) is read and checked when the service starts: a
 * bad file stops the start with a message naming the setting, and a good one scores as its settings say
 * (docs/score-model.md §0).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScoringModelTest {

  @Test
  void theShippedModelsAreFoundByIdAndCare2IsTheDefault() {
    assertThat(ScoringModel.named(null)).isSameAs(ScoringModel.standard());
    assertThat(ScoringModel.named(" ")).isSameAs(ScoringModel.standard());
    assertThat(ScoringModel.named("care-2")).isSameAs(ScoringModel.standard());
    assertThat(ScoringModel.named("care-1")).isSameAs(ScoringModel.care1());
    assertThat(ScoringModel.standard().id()).isEqualTo("care-2");
    assertThat(ScoringModel.care1().id()).isEqualTo("care-1");
    assertThatThrownBy(() -> ScoringModel.named("care-9")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no model care-9: neither a shipped model id (care-1, care-2) nor a model file");
  }

  @Test
  void aFittedFileIsAcceptedAndKeepsItsSettings() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("model.id", "care-2-team-a");
    file.setProperty("emit.minIntervalMs", "750.4");
    ScoringModel model = ScoringModel.fitted(file);
    assertThat(model.id()).isEqualTo("care-2-team-a");
    assertThat(model.scorer()).isEqualTo(ScoringModel.CARE_2);
    assertThat(model.millis("emit.minIntervalMs")).isEqualTo(750);
    assertThat(model.has("emit.minIntervalMs")).isTrue();
    assertThat(model.has("no.such.setting")).isFalse();
    assertThat(model.number("no.such.setting", 7.5)).isEqualTo(7.5);
    assertThat(model.number("emit.minIntervalMs", 7.5)).isEqualTo(750.4);
    assertThat(model.text("model.acts", "none")).isEqualTo(file.getProperty("model.acts").trim());
    assertThat(model.text("model.nothing", "none")).isEqualTo("none");
    assertThat(model.prior(Part.LISTENING)).isEqualTo(Double.parseDouble(file.getProperty("prior.listening")));
    assertThat(model.phrases()).isNotNull();
  }

  @Test
  void theCallScoresOwnWeights_replaceOnlyWhatTheyName() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("model.id", "care-2-call");
    file.setProperty("blend.call.end", "0.9");
    ScoringModel model = ScoringModel.fitted(file);
    ScoreBlend live = ScoreBlend.of(model);
    ScoreBlend whole = ScoreBlend.wholeCall(model);

    assertThat(whole.weight(ScoreBlend.END)).isEqualTo(0.9);
    assertThat(live.weight(ScoreBlend.END)).isEqualTo(Double.parseDouble(file.getProperty("blend.end")));
    assertThat(whole.weight(ScoreBlend.EMPATHY)).as("not named: the live score's").isEqualTo(live.weight(ScoreBlend.EMPATHY));
    assertThat(whole.intercept()).isEqualTo(file.containsKey("blend.call.intercept")
        ? Double.parseDouble(file.getProperty("blend.call.intercept")) : live.intercept());

    file.setProperty("blend.call.trough", "NaN");
    assertThatThrownBy(() -> ScoringModel.fitted(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blend.call.trough");
  }

  @Test
  void care2IgnoresCare1sPartWeights_care1UsesThem() throws IOException {
    for (Part part : Part.values()) {
      assertThat(ScoringModel.standard().weight(part)).as(part.wire()).isZero();
    }
    assertThat(ScoringModel.care1().weight(Part.EMOTION)).isEqualTo(0.40);
    assertThat(ScoringModel.care1().weight(Part.PERSONAL)).isEqualTo(0.08);
  }

  @Test
  void aFileWithoutAnIdIsRefused() throws IOException {
    Properties file = shipped("care-2");
    file.remove("model.id");
    assertThatThrownBy(() -> ScoringModel.fitted(file)).hasMessage("model.id is missing");
    file.setProperty("model.id", "  ");
    assertThatThrownBy(() -> ScoringModel.fitted(file)).hasMessage("model.id is missing");
  }

  @Test
  void aSettingThatIsNotANumberIsNamed() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("rolling.halfLifeMs", " sixty ");
    assertThatThrownBy(() -> ScoringModel.fitted(file))
        .hasMessage("model setting rolling.halfLifeMs is not a number: sixty");
  }

  @Test
  void anUnknownScorerGenerationIsRefused() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("model.id", "x");
    file.setProperty("model.scorer", "care-3");
    assertThatThrownBy(() -> ScoringModel.fitted(file))
        .hasMessage("model x: model.scorer must be care-1 or care-2, not care-3");
  }

  @Test
  void aFileWithoutAScorerIsCare1_asEveryFileWasBeforeCare2() throws IOException {
    Properties file = shipped("care-1");
    file.remove("model.scorer");
    assertThat(ScoringModel.fitted(file).scorer()).isEqualTo(ScoringModel.CARE_1);
  }

  @Test
  void aCare1WeightMayBeZeroButNotNegative() throws IOException {
    Properties file = shipped("care-1");
    file.setProperty("weight.personal", "0");
    assertThat(ScoringModel.fitted(file).weight(Part.PERSONAL)).isZero();
    file.setProperty("weight.personal", "-0.01");
    assertThatThrownBy(() -> ScoringModel.fitted(file)).hasMessage("weight.personal must not be negative");
  }

  @Test
  void aMissingSettingIsNamedAtStart() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("model.id", "x");
    file.remove("prior.empathy");
    assertThatThrownBy(() -> ScoringModel.fitted(file)).hasMessage("model x has no setting prior.empathy");
    Properties blend = shipped("care-2");
    blend.setProperty("model.id", "x");
    blend.remove("blend.recovery");
    assertThatThrownBy(() -> ScoringModel.fitted(blend)).hasMessage("model x has no setting blend.recovery");
  }

  @ParameterizedTest
  @ValueSource(strings = {"50.5", "-50.5", "NaN", "Infinity"})
  void aBlendWeightOutsideFiftyOrNotFiniteIsRefused(String weight) throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("model.id", "x");
    file.setProperty("blend.end", weight);
    assertThatThrownBy(() -> ScoringModel.fitted(file)).hasMessage("model x: blend.end must be a finite number within ±50");
    Properties intercept = shipped("care-2");
    intercept.setProperty("model.id", "x");
    intercept.setProperty("blend.intercept", weight);
    assertThatThrownBy(() -> ScoringModel.fitted(intercept))
        .hasMessage("model x: blend.intercept must be finite, within ±50");
  }

  @Test
  void blendWeightsOfExactlyFiftyAreAllowed() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("blend.end", "50");
    file.setProperty("blend.trough", "-50");
    file.setProperty("blend.intercept", "-50");
    ScoreBlend blend = ScoreBlend.of(ScoringModel.fitted(file));
    assertThat(blend.weight(ScoreBlend.END)).isEqualTo(50);
    assertThat(blend.weight(ScoreBlend.TROUGH)).isEqualTo(-50);
    assertThat(blend.intercept()).isEqualTo(-50);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "50.01"})
  void aBlendScaleOutsideZeroToFiftyIsRefused(String scale) throws IOException {
    for (String key : new String[] {"blend.scaleBelow", "blend.scaleAbove"}) {
      Properties file = shipped("care-2");
      file.setProperty("model.id", "x");
      file.setProperty(key, scale);
      assertThatThrownBy(() -> ScoringModel.fitted(file)).as(key)
          .hasMessage("model x: blend.scaleBelow and blend.scaleAbove must be within (0, 50]");
    }
  }

  @Test
  void aFileFittedBeforeTheScalesScoresAsPlainSigmoid_andFiftyIsAllowed() throws IOException {
    Properties old = shipped("care-2");
    old.remove("blend.scaleBelow");
    old.remove("blend.scaleAbove");
    ScoreBlend blend = ScoreBlend.of(ScoringModel.fitted(old));
    assertThat(blend.scaleBelow()).isEqualTo(1);
    assertThat(blend.scaleAbove()).isEqualTo(1);
    Properties steep = shipped("care-2");
    steep.setProperty("blend.scaleBelow", "50");
    steep.setProperty("blend.scaleAbove", "50");
    assertThatCode(() -> ScoreBlend.of(ScoringModel.fitted(steep))).doesNotThrowAnyException();
  }

  @Test
  void theBlendScoresEachSideOfZeroWithItsOwnScale() throws IOException {
    Properties file = shipped("care-2");
    file.setProperty("blend.intercept", "0");
    file.setProperty("blend.scaleBelow", "2");
    file.setProperty("blend.scaleAbove", "1");
    for (String feature : ScoreBlend.FEATURES) {
      file.setProperty("blend." + feature, "0");
    }
    file.setProperty("blend.end", "1");
    ScoreBlend blend = ScoreBlend.of(ScoringModel.fitted(file));
    double[] features = new double[ScoreBlend.FEATURES.size()];
    assertThat(blend.score(features)).isEqualTo(50.0, within(1e-9));
    features[ScoreBlend.END] = 1;
    assertThat(blend.z(features)).isEqualTo(1.0, within(1e-9));
    assertThat(blend.score(features)).isEqualTo(100 / (1 + Math.exp(-1)), within(1e-9));
    features[ScoreBlend.END] = -1;
    assertThat(blend.score(features)).isEqualTo(100 / (1 + Math.exp(2)), within(1e-9));
  }

  @Test
  void aBlendOfHandGivenWeightsNeedsOneWeightPerFeature() {
    assertThatThrownBy(() -> ScoreBlend.of(0, new double[3])).hasMessage("a blend needs 9 weights");
    double[] weights = new double[ScoreBlend.FEATURES.size()];
    weights[ScoreBlend.EMPATHY] = 2;
    ScoreBlend blend = ScoreBlend.of(0.5, weights);
    weights[ScoreBlend.EMPATHY] = 40;
    assertThat(blend.weight(ScoreBlend.EMPATHY)).as("the blend keeps its own copy").isEqualTo(2);
    double[] features = ScoreBlend.features(100, 50, 50, 50, 50, 50, 50, 50);
    assertThat(blend.z(features)).isEqualTo(2.5, within(1e-9));
  }

  @Test
  void featuresArePartsScaledToPlusMinusOne_andRecoveryIsEndAboveTrough() {
    double[] features = ScoreBlend.features(100, 0, 75, 25, 50, 60, 80, 20);
    assertThat(features).containsExactly(new double[] {1, -1, 0.5, -0.5, 0, 0.2, 0.6, -0.6, 1.2}, within(1e-9));
    ScoreBlend.withoutEmotion(features);
    assertThat(features).containsExactly(new double[] {1, -1, 0.5, -0.5, 0, 0, 0, 0, 0}, within(1e-9));
    double[] neutral = ScoreBlend.neutral(ScoringModel.standard());
    double prior = ScoringModel.standard().prior(Part.EMOTION);
    assertThat(neutral[ScoreBlend.LEVEL]).isEqualTo(ScoreBlend.part(prior), within(1e-9));
    assertThat(neutral[ScoreBlend.RECOVERY]).isZero();
    assertThat(neutral[ScoreBlend.LISTENING])
        .isEqualTo(ScoreBlend.part(ScoringModel.standard().prior(Part.LISTENING)), within(1e-9));
  }

  @Test
  void aModelResourceThatIsNotThereIsNamed() {
    assertThatThrownBy(() -> ScoringModel.fromResources("/model/care-0.properties", ScoringModel.PHRASES_RESOURCE))
        .hasMessage("model not found on the classpath: /model/care-0.properties");
  }

  private static Properties shipped(String id) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ScoringModelTest.class.getResourceAsStream("/model/" + id + ".properties")) {
      properties.load(in);
    }
    return properties;
  }
}
