package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.carepulse.protocol.Acoustic;
import io.carepulse.score.sentiment.Sentiment;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The customer's emotional state of docs/score-model.md §3, rule by rule, with the text sentiment fixed by the test
 * so the expected values follow from the documented formulas and care-2's settings alone: prior.emotion 55 at
 * priorWeight 0.5, neutralBand 0.05, neutralWeight 0.3, unresolvedNeutralWeight 0.05, turnDecay 0.7, resolvedDecay
 * 0.6, arousalBase 0.75, arousalGain 0.5, recovery.lowMood 45.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerStateRulesTest {

  private static final ScoringModel MODEL = ScoringModel.named("care-2");
  private static final double EPS = 1e-9;

  private double compound;
  private double intensity;
  private final CustomerState state = new CustomerState(MODEL,
      text -> new Sentiment(compound, 0, 0, 0, intensity));

  private static TurnActs acts(UtteranceAct... found) {
    TurnActs.Builder builder = new TurnActs.Builder();
    for (UtteranceAct act : found) {
      builder.add(act, "words", 1.0);
    }
    return builder.build();
  }

  private static TurnActs act(UtteranceAct act, String words) {
    return new TurnActs.Builder().add(act, words, 1.0).build();
  }

  private CustomerState.Reading read(String text, double valence, UtteranceAct... found) {
    compound = valence;
    return state.read(text, Tokens.of(text), acts(found));
  }

  /** Reads and applies a turn, as the scorer does (accept first). */
  private CustomerState.Reading turn(String text, double valence, UtteranceAct... found) {
    CustomerState.Reading reading = read(text, valence, found);
    state.accept(reading);
    state.apply(reading, acts(found));
    return reading;
  }

  // --- §3.3: the 0–100 value -------------------------------------------------------------------------------

  @Test
  void value_positiveValenceMapsLinearly_negativeIsScaledByArousal_andBothClampAtTheEnds() {
    assertThat(state.value(0.4, 0.9)).isCloseTo(70, within(EPS)); // f = 1 for val >= 0
    assertThat(state.value(-0.4, 0.5)).isCloseTo(30, within(EPS)); // f = 0.75 + 0.5·0.5 = 1
    assertThat(state.value(-0.4, 0.0)).isCloseTo(35, within(EPS)); // f = 0.75: quiet disappointment weighs less
    assertThat(state.value(-0.4, 1.0)).isCloseTo(25, within(EPS)); // f = 1.25: anger weighs more
    assertThat(state.value(-1.0, 1.0)).isCloseTo(0, within(EPS)); // −1.25 clamps to −1
    assertThat(state.value(1.5, 0.0)).isCloseTo(100, within(EPS)); // clamps to +1
    assertThat(state.value(0.0, 1.0)).isCloseTo(50, within(EPS));
  }

  // --- §3.1: continuers ---------------------------------------------------------------------------------------

  @Test
  void continuersAlone_readAsNeutral_evenWhenSentimentCallsThemPositive() {
    assertThat(read("okay", 0.4).valence()).isZero();
    assertThat(read("okay fine yeah sure", 0.4).valence()).isZero(); // 4 words: still only continuers
    assertThat(read("okay fine yeah sure right", 0.4).valence()).isEqualTo(0.4); // 5 words: a sentence
    assertThat(read("okay lovely", 0.4).valence()).isEqualTo(0.4); // a word that is not a continuer
  }

  @Test
  void onlyContinuers_emptyIsTrue_fiveWordsIsFalse_oneOtherWordIsFalse() {
    assertThat(state.onlyContinuers(List.of())).isTrue();
    assertThat(state.onlyContinuers(List.of("okay", "hang", "on"))).isTrue();
    assertThat(state.onlyContinuers(List.of("okay", "okay", "okay", "okay", "okay"))).isFalse();
    assertThat(state.onlyContinuers(List.of("okay", "thanks"))).isFalse();
  }

  @Test
  void continuerWithAnAct_isNotForcedNeutral() {
    // The continuer rule applies only when the turn has no act: "fine" carrying relief keeps relief's lift.
    assertThat(read("fine", 0.2, UtteranceAct.RELIEF).valence()).isEqualTo(0.6);
  }

  // --- §3.2: acts correct the valence --------------------------------------------------------------------------

  @Test
  void negativeAct_capsTheValenceAtItsSetting_butNeverRaisesIt() {
    assertThat(read("it keeps failing", 0.3, UtteranceAct.FRUSTRATION).valence()).isEqualTo(-0.55);
    assertThat(read("it keeps failing", -0.9, UtteranceAct.FRUSTRATION).valence()).isEqualTo(-0.9);
    assertThat(read("i am confused", 0.0, UtteranceAct.CONFUSION).valence()).isEqualTo(-0.15);
  }

  @Test
  void severalNegativeActs_takeTheLowest_andTheReasonNamesTheFirstInTheDocumentedOrder() {
    CustomerState.Reading reading = read("this is the third time i am leaving", 0.1,
        UtteranceAct.REPEAT_CONTACT, UtteranceAct.CHURN_THREAT, UtteranceAct.FRUSTRATION);
    assertThat(reading.valence()).isEqualTo(-0.75); // churn_threat's −0.75 is the lowest
    assertThat(reading.text()).startsWith("Customer is thinking of leaving");
    assertThat(reading.rule()).isEqualTo("customer_negative");
  }

  @Test
  void sarcasm_turnsPositiveWordsNegative_byTheirOwnStrength_orAtLeastItsSetting() {
    // val = −|val| first, then min with emotion.act.sarcasm (−0.5).
    assertThat(read("oh great just great", 0.8, UtteranceAct.SARCASM).valence()).isEqualTo(-0.8);
    assertThat(read("oh great", 0.2, UtteranceAct.SARCASM).valence()).isEqualTo(-0.5);
    assertThat(read("oh great", 0.2, UtteranceAct.SARCASM).text()).startsWith("Customer was sarcastic");
  }

  @Test
  void gratitudeAndRelief_liftTheValence_onlyWithoutANegativeAct() {
    assertThat(read("thank you", 0.1, UtteranceAct.GRATITUDE).valence()).isEqualTo(0.55);
    assertThat(read("thank you so much", 0.9, UtteranceAct.GRATITUDE).valence()).isEqualTo(0.9); // max, not set
    assertThat(read("thank you", 0.1, UtteranceAct.GRATITUDE, UtteranceAct.RELIEF).valence()).isEqualTo(0.6);
    assertThat(read("thanks for nothing", 0.1, UtteranceAct.GRATITUDE, UtteranceAct.FRUSTRATION).valence())
        .isEqualTo(-0.55);
    // relief is looked at before gratitude: it gives the reason
    assertThat(read("phew thanks", 0.1, UtteranceAct.GRATITUDE, UtteranceAct.RELIEF).text())
        .startsWith("Customer sounds relieved");
  }

  // --- §3.4: weight and rule --------------------------------------------------------------------------------

  @Test
  void neutralTurn_weighsNeutralWeight_whenResolved_andUnresolvedNeutralWeight_whileAnUpsetStands() {
    CustomerState.Reading calm = read("i see", 0.0);
    assertThat(calm.weight()).isEqualTo(0.3);
    assertThat(calm.rule()).isEqualTo("customer_neutral");
    turn("this is awful", -0.6);
    assertThat(state.unresolved()).isTrue();
    CustomerState.Reading quiet = read("i see", 0.0);
    assertThat(quiet.weight()).isEqualTo(0.05);
    assertThat(quiet.rule()).isEqualTo("customer_quiet_unresolved");
    assertThat(quiet.text()).contains("nothing has resolved their upset");
  }

  @Test
  void neutralBandEdges_minusBandIsNegative_plusBandIsPositive_bothWeighOne() {
    CustomerState.Reading low = read("hmm not great", -0.05);
    assertThat(low.rule()).isEqualTo("customer_negative");
    assertThat(low.weight()).isEqualTo(1.0);
    CustomerState.Reading high = read("good good", 0.05);
    assertThat(high.rule()).isEqualTo("customer_positive");
    assertThat(high.weight()).isEqualTo(1.0);
    CustomerState.Reading inside = read("good good", 0.049);
    assertThat(inside.rule()).isEqualTo("customer_neutral");
    assertThat(inside.weight()).isEqualTo(0.3);
  }

  @Test
  void toneText_withoutAnAct_saysHowTheCustomerSounded_andAgitatedFromArousalPointSix() {
    intensity = 0.6;
    assertThat(read("this is bad", -0.5).text()).isEqualTo("Customer sounded very negative, agitated");
    intensity = 0.59;
    assertThat(read("this is bad", -0.3).text()).isEqualTo("Customer sounded negative");
    assertThat(read("this is good", 0.5).text()).isEqualTo("Customer sounded very positive");
    assertThat(read("this is good", 0.3).text()).isEqualTo("Customer sounded positive");
    assertThat(read("this is it", 0.05).text()).isEqualTo("Customer sounded neutral");
  }

  // --- the mood formula: decay by turns, weighted -------------------------------------------------------------

  @Test
  void mood_isThePriorWeightedMeanOfTheTurns_andEarlierTurnsDecayByTurnDecayToTheNewWeight() {
    assertThat(state.mood()).isEqualTo(55);
    turn("that sounds good", 0.4); // v = 70, weight 1
    assertThat(state.mood()).isCloseTo((55 * 0.5 + 70) / 1.5, within(EPS));
    turn("this is bad", -0.4); // arousal 0 → v = 50 + 50·(−0.4·0.75) = 35, weight 1; the 70 now weighs 0.7
    double second = (55 * 0.5 + 70 * 0.7 + 35) / (0.5 + 0.7 + 1);
    assertThat(state.mood()).isCloseTo(second, within(EPS));
    // level: the same without decay
    assertThat(state.level()).isCloseTo((55 * 0.5 + 70 + 35) / 2.5, within(EPS));
    // trough: the lowest mood after a turn
    assertThat(state.trough()).isCloseTo(second, within(EPS));
    assertThat(state.turns()).isEqualTo(2);
  }

  @Test
  void aLowWeightTurn_hardlyAgesTheAngerBeforeIt() {
    turn("this is bad", -0.4); // v 35 weight 1 → unresolved
    turn("okay", 0.4); // continuer → val 0, v 50, weight 0.05 while unresolved; decay 0.7^0.05
    double d = Math.pow(0.7, 0.05);
    assertThat(state.mood()).isCloseTo((55 * 0.5 + 35 * d + 50 * 0.05) / (0.5 + d + 0.05), within(EPS));
  }

  @Test
  void trough_beforeAnyTurnIsTheStart_andRecoveryDoesNotLiftIt() {
    assertThat(state.trough()).isEqualTo(55);
    assertThat(state.level()).isEqualTo(55);
    turn("wonderful", 0.8); // v 90: mood above the prior — that is the trough after the first turn
    double first = (27.5 + 90) / 1.5;
    assertThat(state.trough()).isCloseTo(first, within(EPS));
    turn("terrible", -0.8); // v = 50 + 50·(−0.6) = 20
    double second = (27.5 + 90 * 0.7 + 20) / (0.5 + 0.7 + 1);
    assertThat(state.trough()).isCloseTo(second, within(EPS));
    turn("great", 0.8);
    assertThat(state.trough()).isCloseTo(second, within(EPS));
  }

  // --- unresolved, offers and acceptance ------------------------------------------------------------------

  @Test
  void upset_persistsThroughNeutralAndPleasantTurns_andThanksOrReliefResolvesIt() {
    turn("this is bad", -0.3);
    turn("hmm", 0.0);
    turn("i see", 0.02);
    assertThat(state.unresolved()).isTrue();
    // Positive words alone while the upset stands read as neutral (emotion.unresolvedPositiveCap): not resolved.
    CustomerState.Reading pleasant = turn("but they approved it", 0.3);
    assertThat(pleasant.valence()).isEqualTo(0);
    assertThat(state.unresolved()).isTrue();
    turn("that helps, thank you", 0.3, UtteranceAct.GRATITUDE);
    assertThat(state.unresolved()).isFalse();
  }

  @Test
  void gratitudeResolvesTheUpset_evenWhenItsValenceIsNeutral() {
    // An act-lifted thanks is positive anyway; apply also resolves on the act itself.
    turn("this is bad", -0.3);
    CustomerState.Reading neutralThanks = new CustomerState.Reading(0.0, 0, 50, 0.05, "customer_neutral", "", false);
    state.apply(neutralThanks, acts(UtteranceAct.GRATITUDE));
    assertThat(state.unresolved()).isFalse();
    turn("this is bad", -0.3);
    state.apply(neutralThanks, acts(UtteranceAct.RELIEF));
    assertThat(state.unresolved()).isFalse();
    turn("this is bad", -0.3);
    state.apply(neutralThanks, acts());
    assertThat(state.unresolved()).isTrue();
  }

  @Test
  void resolvingAct_isAnOfferOnlyWhileAnUpsetStands() {
    assertThat(state.resolvingAct()).isFalse();
    turn("this is bad", -0.3);
    assertThat(state.resolvingAct()).isTrue();
  }

  @Test
  void acceptedOffer_decaysTheUpsetByResolvedDecay_resolvesIt_andTheTurnWeighsAsResolved() {
    turn("this is bad", -0.4); // v 35 weight 1 (negative accumulator)
    state.resolvingAct();
    CustomerState.Reading okay = read("okay", 0.4); // continuer → 0
    assertThat(okay.accepts()).isTrue();
    assertThat(okay.weight()).isEqualTo(0.3); // a resolved customer's neutral turn
    assertThat(okay.rule()).isEqualTo("customer_neutral");
    assertThat(state.accept(okay)).isTrue();
    assertThat(state.unresolved()).isFalse();
    // after accept: the 35 weighs 0.6; then the 50 at 0.3 ages it by 0.7^0.3
    state.apply(okay, acts());
    double d = Math.pow(0.7, 0.3);
    assertThat(state.mood())
        .isCloseTo((27.5 + 35 * 0.6 * d + 50 * 0.3) / (0.5 + 0.6 * d + 0.3), within(EPS));
  }

  @Test
  void rejectedOffer_resolvesNothing_andTheOfferIsSpent() {
    turn("this is bad", -0.4);
    state.resolvingAct();
    CustomerState.Reading no = read("no that is not what i asked", 0.0, UtteranceAct.UNHEARD);
    assertThat(no.accepts()).isFalse();
    assertThat(state.accept(no)).isFalse();
    state.apply(no, acts(UtteranceAct.UNHEARD));
    assertThat(state.unresolved()).isTrue();
    // the offer was used up by that answer: the next quiet turn does not accept anything
    assertThat(read("okay", 0.0).accepts()).isFalse();
  }

  @Test
  void answerAtMinusTheBand_isNotAnAcceptance_justAboveItIs() {
    turn("this is bad", -0.4);
    state.resolvingAct();
    assertThat(read("meh", -0.05).accepts()).isFalse(); // valence must be > −neutralBand
    assertThat(read("meh", -0.049).accepts()).isTrue();
  }

  @Test
  void offerWithoutAnUpset_isNotAccepted() {
    state.resolvingAct();
    assertThat(read("okay", 0.0).accepts()).isFalse();
  }

  // --- praise inside a complaint -------------------------------------------------------------------------

  @Test
  void praiseInsideAComplaint_whileUpset_isSarcasm_quotingBothWords() {
    List<String> tokens = Tokens.of("Brilliant, so I wait another week");
    assertThat(state.sarcasmInContext(tokens, TurnActs.empty())).isNull(); // nothing is unresolved yet
    turn("this is bad", -0.4);
    assertThat(state.sarcasmInContext(tokens, TurnActs.empty())).isEqualTo("brilliant … wait");
    assertThat(state.sarcasmInContext(Tokens.of("brilliant thank you"), TurnActs.empty())).isNull();
    assertThat(state.sarcasmInContext(Tokens.of("it is still broken"), TurnActs.empty())).isNull();
    // already sarcasm by the phrases: nothing to add
    assertThat(state.sarcasmInContext(tokens, acts(UtteranceAct.SARCASM))).isNull();
  }

  @Test
  void praiseBesideAnotherComplaint_whileUpset_isSarcasm() {
    turn("this is bad", -0.4);
    List<String> tokens = Tokens.of("If it's approved. Brilliant. Can I speak to a manager then");
    assertThat(state.sarcasmInContext(tokens, act(UtteranceAct.ESCALATION, "speak to a manager")))
        .isEqualTo("brilliant … speak to a manager");
    assertThat(state.sarcasmInContext(Tokens.of("brilliant can I speak to you about the bill"), TurnActs.empty()))
        .isNull();
  }

  @Test
  void praiseInsideAComplaint_notWhenTheCustomerThanksBeyondThePraise_orAnOfferIsWaiting() {
    turn("this is bad", -0.4);
    List<String> tokens = Tokens.of("perfect, thank you, still one more thing");
    assertThat(state.sarcasmInContext(tokens, act(UtteranceAct.GRATITUDE, "thank you"))).isNull();
    // gratitude carried only by the praise word does not count as thanks
    assertThat(state.sarcasmInContext(tokens, act(UtteranceAct.GRATITUDE, "perfect"))).isEqualTo("perfect … still");
    state.resolvingAct();
    assertThat(state.sarcasmInContext(tokens, TurnActs.empty())).isNull();
  }

  // --- recovery --------------------------------------------------------------------------------------------

  @Test
  void recovered_onceAfterAnUpset_whenThanksComeInATurnaround() {
    CustomerState.Reading r = turn("this is awful", -1.0); // v 50 + 50·(−0.75) = 12.5 → mood 26.7 ≤ 45
    assertThat(state.recoveredNow(acts())).isFalse();
    r = turn("that's a relief, thank you", 1.0, UtteranceAct.GRATITUDE, UtteranceAct.RELIEF);
    // the first relief comes while the case is still being worked: no praise yet
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.RELIEF))).isFalse();
    assertThat(state.recoveredNow(acts(UtteranceAct.TURNAROUND))).isFalse(); // a look back without thanks
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND, UtteranceAct.SARCASM)))
        .isFalse();
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND))).isTrue();
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND))).isFalse(); // once
  }

  @Test
  void aNegativeActIsAnUpset_evenWithTheMoodAboveLowMood_butTheLookBackOfATurnaroundIsNot() {
    state.startFrom(80, false);
    CustomerState.Reading r = turn("third time I've rung about this", 0.0, UtteranceAct.REPEAT_CONTACT);
    assertThat(state.mood()).isGreaterThan(45);
    assertThat(state.recoveredNow(acts(UtteranceAct.REPEAT_CONTACT))).isFalse();
    r = turn("thank you, I was dreading this call", 1.0, UtteranceAct.GRATITUDE, UtteranceAct.ANXIETY,
        UtteranceAct.TURNAROUND);
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.ANXIETY, UtteranceAct.TURNAROUND)))
        .isTrue();
  }

  @Test
  void notRecovered_withoutAnUpsetFirst() {
    CustomerState.Reading r = turn("thank you, you've been brilliant", 1.0, UtteranceAct.GRATITUDE,
        UtteranceAct.TURNAROUND);
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND))).isFalse();
  }

  @Test
  void aTurnaroundThatNamesTheDistressItLeavesBehind_isItsOwnEvidenceOfTheUpset() {
    CustomerState.Reading r = turn("thank you, I was so worried about the deposit", 0.6, UtteranceAct.GRATITUDE,
        UtteranceAct.ANXIETY, UtteranceAct.TURNAROUND);
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.ANXIETY, UtteranceAct.TURNAROUND)))
        .isTrue();
  }

  @Test
  void moodExactlyAtLowMood_countsAsLow() {
    // Start at 45 (care memory) and read the mood before any turn: 45 ≤ recovery.lowMood.
    state.startFrom(45, false);
    state.noteLow();
    state.startFrom(90, false);
    CustomerState.Reading r = read("thanks, you've sorted it", 1.0, UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND);
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND))).isTrue();
  }

  @Test
  void noteLow_aboveLowMood_isNotALowEpisode() {
    state.startFrom(45.5, false);
    state.noteLow();
    state.startFrom(90, false);
    CustomerState.Reading r = read("thanks, you've sorted it", 1.0, UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND);
    assertThat(state.recoveredNow(acts(UtteranceAct.GRATITUDE, UtteranceAct.TURNAROUND))).isFalse();
  }

  // --- start, external, partial -----------------------------------------------------------------------------

  @Test
  void startFrom_setsWhereMoodLevelAndTroughStart_andCarriesTheUnresolvedUpset() {
    state.startFrom(32, true);
    assertThat(state.mood()).isEqualTo(32);
    assertThat(state.level()).isEqualTo(32);
    assertThat(state.trough()).isEqualTo(32);
    assertThat(state.unresolved()).isTrue();
    assertThat(read("okay", 0.0).weight()).isEqualTo(0.05);
    // and a later start without the flag does not clear it
    state.startFrom(32, false);
    assertThat(state.unresolved()).isTrue();
  }

  @Test
  void externalEstimate_weighsExternalWeightTimesConfidence_defaultHalf_andZeroAddsNothing() {
    assertThat(state.external(0.4, 0.0, 0.0)).isFalse();
    assertThat(state.mood()).isEqualTo(55);
    assertThat(state.turns()).isZero();
    assertThat(state.external(0.4, 0.0, null)).isTrue(); // v 70 at 1.0·0.5
    assertThat(state.mood()).isCloseTo((27.5 + 70 * 0.5) / 1.0, within(EPS));
    assertThat(state.external(-0.4, 0.0, 1.0)).isTrue(); // v 35 at 1; the 70 ages by 0.7
    assertThat(state.mood()).isCloseTo((27.5 + 70 * 0.5 * 0.7 + 35) / (0.5 + 0.35 + 1), within(EPS));
  }

  @Test
  void partial_isProvisional_inMoodWithProvisionalOnly_untilTheFinalReplacesIt() {
    assertThat(state.moodWithProvisional()).isEqualTo(55);
    compound = 0.4;
    state.partial("that is good", "p1");
    assertThat(state.provisional().weight()).isEqualTo(0.5);
    assertThat(state.provisional().frame()).isEqualTo("p1");
    assertThat(state.moodWithProvisional()).isCloseTo((27.5 + 70 * 0.5) / 1.0, within(EPS));
    assertThat(state.mood()).isEqualTo(55);
    turn("that is good", 0.4);
    assertThat(state.provisional()).isNull();
    assertThat(state.moodWithProvisional()).isEqualTo(state.mood());
  }

  // --- arousal from the customer's own acoustic baseline (care-1 §3.1) --------------------------------------

  private void audio(Double rmsDb, Double pitchHz) {
    state.acoustic(new Acoustic("c", 1, 0L, io.carepulse.protocol.Speaker.CUSTOMER, 500, rmsDb, pitchHz, null, null));
  }

  @Test
  void arousal_isTextIntensityClamped_untilThreeFramesOfBaseline() {
    intensity = 1.4;
    assertThat(read("argh", -0.5).arousal()).isEqualTo(1.0);
    intensity = -0.2;
    assertThat(read("argh", -0.5).arousal()).isEqualTo(0.0);
    intensity = 0.4;
    audio(60.0, 200.0);
    audio(60.0, 200.0);
    assertThat(read("argh", -0.5).arousal()).isEqualTo(0.4);
  }

  @Test
  void arousal_blendsHalfTextHalfAcoustic_fromTheThirdFrame_andResetsAfterTheTurn() {
    intensity = 0.4;
    audio(60.0, 200.0);
    audio(60.0, 200.0);
    audio(60.0, 200.0); // at the customer's own mean: z = 0 → acoustic = 1/(1 + e^(1.5·0.5))
    double acoustic = 1 / (1 + Math.exp(0.75));
    assertThat(read("argh", -0.5).arousal()).isCloseTo(0.5 * 0.4 + 0.5 * acoustic, within(EPS));
    // the frames belonged to that turn: the next turn without audio reads its text alone
    assertThat(read("argh", -0.5).arousal()).isEqualTo(0.4);
  }

  @Test
  void arousal_louderThanTheirOwnNormal_raisesIt_zClampedAtFour() {
    intensity = 0.0;
    audio(60.0, null);
    audio(62.0, null);
    audio(400.0, null); // far above the mean 61 with sd 1.41: z clamps to 4
    double acoustic = 1 / (1 + Math.exp(-(4 - 0.5) * 1.5));
    assertThat(read("argh", -0.5).arousal()).isCloseTo(0.5 * acoustic, within(EPS));
  }

  @Test
  void arousal_pitchOfZeroIsNotAPitch_andAFrameWithoutLoudnessOrPitchAddsNothing() {
    intensity = 0.0;
    audio(60.0, 0.0);
    audio(62.0, 0.0);
    audio(61.0, 0.0); // at the mean: z 0 from loudness alone
    audio(null, null); // nothing measured
    double acoustic = 1 / (1 + Math.exp(0.75));
    assertThat(read("argh", -0.5).arousal()).isCloseTo(0.5 * acoustic, within(EPS));
  }
}
