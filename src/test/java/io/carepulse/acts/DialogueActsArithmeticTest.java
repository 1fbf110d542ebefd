package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.carepulse.protocol.Speaker;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A model small enough to work out by hand, so every number a reason shows can be checked: an act's probability
 * is the logistic of bias plus the weights of the words present, it is found when that reaches its threshold, and
 * its evidence is the words holding at least 40 % of the strongest word's weight, adjacent words quoted as one run.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DialogueActsArithmeticTest {

  private static final FeatureSet UNIGRAMS = new FeatureSet(1, 0, 0, false);
  private static final Act[] AGENT_ACTS = {Act.APOLOGY, Act.DEFLECTION, Act.COURTESY};
  private static final ActModel MODEL = ActModel.of("hand-1", UNIGRAMS,
      weights(Speaker.AGENT, AGENT_ACTS, new float[] {-1f, -2f, -1f}, new float[] {0.5f, 0.6f, 0.5f}, Map.of(
          "sorry", new float[] {3f, 0, 0},
          "department", new float[] {0, 2f, 0},
          "policy", new float[] {0, 1.5f, 0},
          "rules", new float[] {0, 0.7f, 0},
          "procedure", new float[] {0, 0.8f, 0},
          "escalate", new float[] {0, 2.406f, 0},
          "forward", new float[] {0, 2.405f, 0})),
      weights(Speaker.CUSTOMER, new Act[] {Act.FRUSTRATION}, new float[] {-1f}, new float[] {0.5f},
          Map.of("ridiculous", new float[] {2f})));

  @Test
  void probabilities_areTheLogisticOfBiasPlusTheWordsWeights() {
    DialogueActs acts = MODEL.classify(Speaker.AGENT, "I am so sorry, that is not my department, it is policy");
    assertThat(acts.probability(Act.APOLOGY)).isCloseTo(sigmoid(-1 + 3), within(1e-12));
    assertThat(acts.probability(Act.DEFLECTION)).isCloseTo(sigmoid(-2 + 2 + 1.5), within(1e-12));
    assertThat(acts.probability(Act.COURTESY)).isCloseTo(sigmoid(-1), within(1e-12));
    assertThat(acts.found()).containsExactly(Act.APOLOGY, Act.DEFLECTION);
    assertThat(acts.has(Act.COURTESY)).isFalse();
    assertThat(acts.none()).isFalse();
    assertThat(acts.probability(Act.EMPATHY)).as("an agent act this model does not know").isZero();
    assertThat(acts.probability(Act.FRUSTRATION)).as("the other speaker's act").isZero();
    assertThat(acts.speaker()).isEqualTo(Speaker.AGENT);
    assertThat(acts.text()).isEqualTo("I am so sorry, that is not my department, it is policy");
  }

  @Test
  void evidence_quotesTheWordsAsWritten_separateRunsJoinedForTheReason() {
    DialogueActs acts = MODEL.classify(Speaker.AGENT, "I am so SORRY, that is not my Department, it is policy");
    assertThat(acts.evidence(Act.APOLOGY)).containsExactly("SORRY");
    assertThat(acts.evidence(Act.DEFLECTION)).containsExactly("Department", "policy");
    assertThat(acts.quote(Act.DEFLECTION)).isEqualTo("Department … policy");
    assertThat(acts.evidence(Act.COURTESY)).isEmpty();
    assertThat(acts).hasToString("apology 0.88 \"SORRY\", deflection 0.82 \"Department … policy\"");
  }

  @Test
  void aWordBelowFortyPercentOfTheStrongest_isNotQuoted_oneAtFortyPercentIs_andNeighboursMerge() {
    // rules 0.7 < 0.4 × 2.0: the act is found on both words, but only "department" carried it
    assertThat(MODEL.classify(Speaker.AGENT, "department and rules").evidence(Act.DEFLECTION))
        .containsExactly("department");
    // procedure 0.8 = 0.4 × 2.0, next to it: one run
    assertThat(MODEL.classify(Speaker.AGENT, "a department procedure now").evidence(Act.DEFLECTION))
        .containsExactly("department procedure");
  }

  @Test
  void anActIsFound_exactlyWhenItsProbabilityReachesTheThreshold() {
    // bias −2 + 2.406 = 0.406: logistic 0.60013 ≥ 0.6; + 2.405 gives 0.59989
    DialogueActs at = MODEL.classify(Speaker.AGENT, "let me escalate");
    assertThat(at.probability(Act.DEFLECTION)).isGreaterThanOrEqualTo(0.6);
    assertThat(at.has(Act.DEFLECTION)).isTrue();
    DialogueActs below = MODEL.classify(Speaker.AGENT, "let me forward");
    assertThat(below.probability(Act.DEFLECTION)).isLessThan(0.6);
    assertThat(below.has(Act.DEFLECTION)).isFalse();
    assertThat(below.none()).isTrue();
  }

  @Test
  void nothingFound_saysNone_andEachSpeakerIsReadByItsOwnClassifier() {
    DialogueActs plain = MODEL.classify(Speaker.AGENT, "your balance is forty pounds");
    assertThat(plain.none()).isTrue();
    assertThat(plain.found()).isEmpty();
    assertThat(plain.quote(Act.APOLOGY)).isEmpty();
    assertThat(plain).hasToString("none");

    DialogueActs customer = MODEL.classify(Speaker.CUSTOMER, "this is ridiculous, sorry");
    assertThat(customer.speaker()).isEqualTo(Speaker.CUSTOMER);
    assertThat(customer.found()).containsExactly(Act.FRUSTRATION);
    assertThat(customer.probability(Act.FRUSTRATION)).isCloseTo(sigmoid(1), within(1e-12));
    assertThat(customer.probability(Act.APOLOGY)).as("the customer's 'sorry' is no agent apology").isZero();
    assertThat(customer.evidence(Act.FRUSTRATION)).containsExactly("ridiculous");
    assertThat(MODEL.classify(Speaker.CUSTOMER, null).text()).isEmpty();
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static ActWeights weights(Speaker speaker, Act[] acts, float[] bias, float[] threshold,
      Map<String, float[]> byWord) {
    Map<Integer, float[]> rows = new TreeMap<>(Integer::compareUnsigned);
    byWord.forEach((word, w) -> rows.put(UNIGRAMS.extract(word)[0], w));
    int[] keys = rows.keySet().stream().mapToInt(Integer::intValue).toArray();
    return new ActWeights(speaker, acts, bias, threshold, keys, rows.values().toArray(new float[0][]));
  }
}
