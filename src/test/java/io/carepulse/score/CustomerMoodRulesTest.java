package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.Speaker;
import io.carepulse.score.sentiment.Sentiment;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * care-1's emotion part (docs/score-model-care-1.md §3.1), read directly: v = 50 + 50·clamp(val·f, −1, 1) with
 * f = 0.75 + 0.5·arousal for val &lt; 0; neutral turns (|val| &lt; 0.05) weigh 0.3; external estimates weigh
 * 1.0·confidence (0.5 when none is given); a partial is provisional at weight 0.5; escalation caps valence at −0.6.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerMoodRulesTest {

  private static final double EPS = 1e-9;
  private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.standard();
  private final CustomerMood mood = new CustomerMood(ScoringModel.care1(), ANALYZER);

  private static Turn turn(double valence) {
    return new Turn(Speaker.CUSTOMER, "words", List.of("words"), Map.of(), 0, 1000, 1, "utt:u1", valence);
  }

  private static Sentiment intensity(double intensity) {
    return new Sentiment(0, 0, 0, 0, intensity);
  }

  private Evidence finalTurn(double valence, double intensity) {
    Observations out = new Observations(1, 1000);
    mood.finalTurn(turn(valence), intensity(intensity), out);
    assertThat(out.evidence()).hasSize(1);
    return out.evidence().get(0);
  }

  private void audio(Double rmsDb, Double pitchHz) {
    mood.acoustic(new Acoustic("c", 1, 0L, Speaker.CUSTOMER, 500, rmsDb, pitchHz, null, null));
  }

  @Test
  void finalTurn_mapsValenceToValue_angerWeighsMoreThanDisappointment() {
    assertThat(finalTurn(0.4, 0.9).value()).isCloseTo(70, within(EPS));
    assertThat(finalTurn(-0.4, 0.0).value()).isCloseTo(35, within(EPS)); // f 0.75
    assertThat(finalTurn(-0.4, 1.0).value()).isCloseTo(25, within(EPS)); // f 1.25
    assertThat(finalTurn(-1.0, 1.0).value()).isCloseTo(0, within(EPS)); // clamped
    assertThat(finalTurn(-0.4, 2.0).value()).isCloseTo(25, within(EPS)); // intensity clamps to 1
  }

  @Test
  void finalTurn_rulesAndWeights_atTheNeutralBand() {
    Evidence low = finalTurn(-0.05, 0);
    assertThat(low.rule()).isEqualTo("customer_negative");
    assertThat(low.weight()).isEqualTo(1.0);
    Evidence high = finalTurn(0.05, 0);
    assertThat(high.rule()).isEqualTo("customer_positive");
    assertThat(high.weight()).isEqualTo(1.0);
    Evidence inside = finalTurn(0.049, 0);
    assertThat(inside.rule()).isEqualTo("customer_neutral");
    assertThat(inside.weight()).isEqualTo(0.3);
    assertThat(finalTurn(-0.049, 0).weight()).isEqualTo(0.3);
    assertThat(low.part()).isEqualTo(Part.EMOTION);
    assertThat(low.frames()).containsExactly("utt:u1");
  }

  @Test
  void finalTurn_describesToneAndAgitation() {
    assertThat(finalTurn(-0.5, 0.6).text()).isEqualTo("Customer sounded very negative, agitated");
    assertThat(finalTurn(-0.49, 0.59).text()).isEqualTo("Customer sounded negative");
    assertThat(finalTurn(-0.05, 0).text()).isEqualTo("Customer sounded neutral");
    assertThat(finalTurn(-0.051, 0).text()).isEqualTo("Customer sounded negative");
    assertThat(finalTurn(0.05, 0).text()).isEqualTo("Customer sounded neutral");
    assertThat(finalTurn(0.051, 0).text()).isEqualTo("Customer sounded positive");
    assertThat(finalTurn(0.5, 0).text()).isEqualTo("Customer sounded very positive");
    assertThat(finalTurn(0.49, 0).text()).isEqualTo("Customer sounded positive");
  }

  @Test
  void read_escalationCapsTheValenceAtEscalationValence_butNeverRaisesIt() {
    String calm = "That sounds fine to me.";
    Sentiment words = ANALYZER.analyze(calm);
    assertThat(mood.read(calm, false).compound()).isEqualTo(words.compound());
    Sentiment capped = mood.read(calm, true);
    assertThat(capped.compound()).isEqualTo(-0.6);
    assertThat(capped.intensity()).isEqualTo(words.intensity());
    assertThat(capped.positive()).isEqualTo(words.positive());
    String furious = "This is absolutely horrible, terrible, disgusting service!!!";
    double angry = ANALYZER.analyze(furious).compound();
    assertThat(angry).isLessThan(-0.6);
    assertThat(mood.read(furious, true).compound()).isEqualTo(angry);
  }

  @Test
  void external_weighsByConfidence_defaultHalf_zeroIsIgnored() {
    Observations out = new Observations(1, 0);
    mood.external(new EmotionEstimate("c", 1, 0, Speaker.CUSTOMER, -0.4, 0.0, null, "eng", 0.0), "e0", out);
    assertThat(out.evidence()).isEmpty();
    mood.external(new EmotionEstimate("c", 2, 0, Speaker.CUSTOMER, -0.4, 1.0, null, "eng", null), "e1", out);
    mood.external(new EmotionEstimate("c", 3, 0, Speaker.CUSTOMER, 0.456, 0.0, null, "eng", 0.8), "e2", out);
    assertThat(out.evidence()).hasSize(2);
    assertThat(out.evidence().get(0).weight()).isEqualTo(0.5);
    assertThat(out.evidence().get(0).value()).isCloseTo(25, within(EPS));
    assertThat(out.evidence().get(0).rule()).isEqualTo("external_emotion");
    assertThat(out.evidence().get(1).weight()).isCloseTo(0.8, within(EPS));
    assertThat(out.evidence().get(1).text()).isEqualTo("Emotion engine eng estimated valence 0.46");
  }

  @Test
  void partial_isProvisionalAtPartialWeight_untilTheFinal() {
    assertThat(mood.provisional()).isNull();
    String text = "I am really happy with this";
    Sentiment s = ANALYZER.analyze(text);
    mood.partial(text, "p1");
    Evidence provisional = mood.provisional();
    assertThat(provisional.weight()).isEqualTo(0.5);
    assertThat(provisional.rule()).isEqualTo("provisional_mood");
    assertThat(provisional.frames()).containsExactly("p1");
    assertThat(s.compound()).isPositive();
    assertThat(provisional.value()).isCloseTo(50 + 50 * Math.min(1, s.compound()), within(EPS));
    finalTurn(0.3, 0);
    assertThat(mood.provisional()).isNull();
  }

  @Test
  void arousal_fromTheThirdAudioFrame_halfTextHalfAcoustic_thenResetAfterTheTurn() {
    audio(60.0, 200.0);
    audio(60.0, 200.0);
    assertThat(finalTurn(-0.4, 0.0).value()).isCloseTo(35, within(EPS)); // not enough baseline yet
    audio(60.0, 200.0);
    audio(60.0, 200.0);
    audio(60.0, 200.0); // at the mean: z 0 → acoustic 1/(1 + e^0.75)
    double a = 0.5 / (1 + Math.exp(0.75));
    assertThat(finalTurn(-0.4, 0.0).value()).isCloseTo(50 - 20 * (0.75 + 0.5 * a), within(EPS));
    assertThat(finalTurn(-0.4, 0.0).value()).isCloseTo(35, within(EPS));
  }

  @Test
  void arousal_loudAgainstTheirOwnNormal_zClampedAtFour_pitchZeroIgnored() {
    audio(60.0, 0.0);
    audio(62.0, 0.0);
    audio(400.0, 0.0);
    double a = 0.5 / (1 + Math.exp(-(4 - 0.5) * 1.5));
    assertThat(finalTurn(-0.4, 0.0).value()).isCloseTo(50 - 20 * (0.75 + 0.5 * a), within(EPS));
  }
}
