package io.carepulse.coach;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.score.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which moments of a call become reasons to prompt, and how urgent each is, before the attention budget decides what
 * the agent sees. The policy is the defaults: a check-in after 20 s of silence, the name after 4 agent turns and 45 s,
 * "enough sorry" after the third sympathy without action.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PromptRulesTest {

  private static final PromptRules.CallState NO_NAME = new PromptRules.CallState(null, false, 0);

  private final PromptRules rules = new PromptRules(CoachingPolicy.defaults());

  private static Signal at(Signal.Kind kind, long atMs) {
    return new Signal(kind, 7, atMs, 0);
  }

  private static Signal lasting(Signal.Kind kind, long amountMs) {
    return new Signal(kind, 7, 60_000, amountMs);
  }

  private List<Trigger> triggers(PromptRules.CallState state, Signal... signals) {
    return rules.triggers(List.of(signals), state);
  }

  private List<Trigger> triggers(Signal... signals) {
    return triggers(NO_NAME, signals);
  }

  @Test
  void eachProblemTheAgentCanFixBecomesItsPrompt_withTheUrgencyItDeserves() {
    assertThat(triggers(at(Signal.Kind.DEFLECTION, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.TAKE_OWNERSHIP))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(3));
    assertThat(triggers(at(Signal.Kind.CUSTOMER_ESCALATION, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.ACKNOWLEDGE_FEELINGS))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(3));
    assertThat(triggers(at(Signal.Kind.CUSTOMER_CHURN_THREAT, 1_000))).extracting(Trigger::kind)
        .containsExactly(PromptKind.ACKNOWLEDGE_FEELINGS);
    assertThat(triggers(at(Signal.Kind.MISSED_ACKNOWLEDGEMENT, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.ACKNOWLEDGE_FEELINGS))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
    assertThat(triggers(at(Signal.Kind.INTERRUPTION, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.LET_THEM_FINISH))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
    assertThat(triggers(at(Signal.Kind.FAST_SPEECH, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.SLOW_DOWN))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(1));
    assertThat(triggers(at(Signal.Kind.CUSTOMER_CONFUSED, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.SLOW_DOWN))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
    assertThat(triggers(at(Signal.Kind.CUSTOMER_RECOVERED, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.POSITIVE_RECOVERY))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(1));
    assertThat(triggers(at(Signal.Kind.SYMPATHY_WITHOUT_ACTION, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.EMPATHY_WITHOUT_ACTION))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
    assertThat(triggers(at(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE, 1_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.TAKE_OWNERSHIP))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
  }

  @Test
  void aPromptPointsAtTheFrameAndMomentThatCausedIt_inTheTeamsWords() {
    Trigger trigger = triggers(new Signal(Signal.Kind.DEFLECTION, 12, 34_000, 0)).get(0);
    assertThat(trigger.seq()).isEqualTo(12);
    assertThat(trigger.atMs()).isEqualTo(34_000);
    assertThat(trigger.text()).isEqualTo("Own it: say what you will do.");
  }

  @Test
  void whatTheCustomerAloneDoesAsksNothingOfTheAgent() {
    assertThat(triggers(at(Signal.Kind.VOICE, 1_000), at(Signal.Kind.CUSTOMER_NEGATIVE, 1_000),
        at(Signal.Kind.MONOLOGUE, 1_000), at(Signal.Kind.CHECKED_IN, 1_000), at(Signal.Kind.NAME_USED, 1_000)))
        .isEmpty();
  }

  @Test
  void anEscalationTheAgentMeetsWithEmpathyInTheSameBreath_needsNoPrompt() {
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 1_000), at(Signal.Kind.CUSTOMER_ESCALATION, 1_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.CUSTOMER_CHURN_THREAT, 2_000), at(Signal.Kind.EMPATHY_SHOWN, 2_000)))
        .isEmpty();
  }

  @Test
  void silenceBecomesACheckInFromTwentySeconds_sayingHowLong() {
    assertThat(triggers(lasting(Signal.Kind.DEAD_AIR, 19_999))).isEmpty();
    assertThat(triggers(lasting(Signal.Kind.DEAD_AIR, 20_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.CHECK_IN))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2))
        .satisfies(t -> assertThat(t.text()).isEqualTo("Check in: 20 s of silence."));
    assertThat(triggers(lasting(Signal.Kind.DEAD_AIR, 25_900)).get(0).text()).isEqualTo("Check in: 25 s of silence.");
  }

  @Test
  void aLongHoldBecomesACheckInThatSaysItIsAHold() {
    assertThat(triggers(lasting(Signal.Kind.LONG_HOLD, 61_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.CHECK_IN))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2))
        .satisfies(t -> assertThat(t.text()).isEqualTo("Check in: on hold 61 s."));
  }

  @Test
  void theCustomerAsksWhatHappensNext_theAgentsNextRealReplyMustSay() {
    assertThat(triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 5_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.AGENT_TURN, 8_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.NEXT_STEPS))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
    assertThat(triggers(at(Signal.Kind.AGENT_TURN, 12_000))).as("asked once, reminded once").isEmpty();
  }

  @Test
  void theCustomerAsksWhatHappensNext_andTheReplySays_noPrompt() {
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 5_000));
    assertThat(triggers(at(Signal.Kind.NEXT_STEP_GIVEN, 8_000), at(Signal.Kind.AGENT_TURN, 8_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.AGENT_TURN, 12_000))).isEmpty();
  }

  @Test
  void theCustomerAsksWhatHappensNext_andTheReplyCommits_noPrompt() {
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 5_000));
    assertThat(triggers(at(Signal.Kind.COMMITMENT_MADE, 8_000), at(Signal.Kind.AGENT_TURN, 8_000))).isEmpty();
  }

  @Test
  void aQuestionSoonAfterThePlanAsksForADetail_onlyALaterOneNeedsTheNextStepAgain() {
    triggers(at(Signal.Kind.NEXT_STEP_GIVEN, 50_000));
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 80_000));
    assertThat(triggers(at(Signal.Kind.AGENT_TURN, 90_000))).as("\"do I need to bring anything?\"").isEmpty();
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 200_000));
    assertThat(triggers(at(Signal.Kind.AGENT_TURN, 205_000))).extracting(Trigger::kind)
        .containsExactly(PromptKind.NEXT_STEPS);
  }

  @Test
  void care1sRulesStillAskForTheNextStepAfterAMereCommitment() {
    PromptRules care1 = new PromptRules(CoachingPolicy.care1());
    care1.triggers(List.of(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 5_000)), new PromptRules.CallState(null, false, 1));
    assertThat(care1.triggers(List.of(at(Signal.Kind.COMMITMENT_MADE, 8_000), at(Signal.Kind.AGENT_TURN, 8_000)),
        new PromptRules.CallState(null, false, 1))).extracting(Trigger::kind).containsExactly(PromptKind.NEXT_STEPS);
  }

  @Test
  void aCustomerWrappingUpWithoutNextSteps_afterARealConversation_getsNextSteps() {
    PromptRules.CallState threeTurns = new PromptRules.CallState(null, false, 3);
    PromptRules.CallState fourTurns = new PromptRules.CallState(null, false, 4);
    assertThat(triggers(threeTurns, at(Signal.Kind.CUSTOMER_WRAPPING_UP, 60_000))).as("too short a call").isEmpty();
    assertThat(triggers(fourTurns, at(Signal.Kind.CUSTOMER_WRAPPING_UP, 60_000))).extracting(Trigger::kind)
        .containsExactly(PromptKind.NEXT_STEPS);
  }

  @Test
  void aCustomerWrappingUpAfterTheAgentGaveNextSteps_getsNoPrompt() {
    PromptRules.CallState fourTurns = new PromptRules.CallState(null, false, 4);
    triggers(fourTurns, at(Signal.Kind.NEXT_STEP_GIVEN, 50_000));
    assertThat(triggers(fourTurns, at(Signal.Kind.CUSTOMER_WRAPPING_UP, 60_000))).isEmpty();
  }

  @Test
  void theCustomersNameIsSuggestedFromTheFourthAgentTurnAndSeventyFiveSeconds_withTheName() {
    PromptRules.CallState thirdTurnDone = new PromptRules.CallState("Maria", false, 3);
    PromptRules.CallState secondTurnDone = new PromptRules.CallState("Maria", false, 2);
    assertThat(triggers(secondTurnDone, at(Signal.Kind.AGENT_TURN, 90_000))).as("third turn").isEmpty();
    assertThat(triggers(thirdTurnDone, at(Signal.Kind.AGENT_TURN, 74_999))).as("before 75 s").isEmpty();
    assertThat(triggers(thirdTurnDone, at(Signal.Kind.AGENT_TURN, 75_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.USE_NAME))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(1))
        .satisfies(t -> assertThat(t.text()).isEqualTo("Use their name: Maria."));
  }

  @Test
  void noNameSuggestionWhenTheNameIsUnknownOrAlreadyUsed() {
    assertThat(triggers(new PromptRules.CallState(null, false, 5), at(Signal.Kind.AGENT_TURN, 90_000))).isEmpty();
    assertThat(triggers(new PromptRules.CallState("Maria", true, 5), at(Signal.Kind.AGENT_TURN, 90_000))).isEmpty();
  }

  @Test
  void theThirdSympathyWithoutAction_asksForANextStep_andACommitmentStartsTheCountAgain() {
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 1_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 2_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 3_000))).singleElement()
        .satisfies(t -> assertThat(t.kind()).isEqualTo(PromptKind.EMPATHY_WITHOUT_ACTION))
        .satisfies(t -> assertThat(t.priority()).isEqualTo(2));
    triggers(at(Signal.Kind.COMMITMENT_MADE, 4_000));
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 5_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 6_000))).isEmpty();
    assertThat(triggers(at(Signal.Kind.EMPATHY_SHOWN, 7_000))).extracting(Trigger::kind)
        .containsExactly(PromptKind.EMPATHY_WITHOUT_ACTION);
  }

  @Test
  void aKindTheTeamTurnedOffIsNeverProposed_andATeamTextReplacesTheDefault() {
    CoachingPolicy defaults = CoachingPolicy.defaults();
    EnumSet<PromptKind> enabled = EnumSet.allOf(PromptKind.class);
    enabled.remove(PromptKind.TAKE_OWNERSHIP);
    CoachingPolicy team = new CoachingPolicy(defaults.minGapMs(), defaults.defaultCooldownMs(),
        defaults.cooldownMs(), defaults.perCallCap(), defaults.staleAfterMs(), defaults.checkInSilenceMs(),
        defaults.useNameAfterAgentTurns(), defaults.useNameAfterMs(), defaults.sympathyWithoutActionCount(),
        defaults.feedbackCooldownFactor(), enabled, Map.of(PromptKind.LET_THEM_FINISH, "Pause and listen."),
        defaults.urgentGapMs());
    PromptRules teamRules = new PromptRules(team);
    assertThat(teamRules.triggers(List.of(at(Signal.Kind.DEFLECTION, 1_000)), NO_NAME)).isEmpty();
    assertThat(teamRules.triggers(List.of(at(Signal.Kind.INTERRUPTION, 1_000)), NO_NAME)).extracting(Trigger::text)
        .containsExactly("Pause and listen.");
  }

  @Test
  void aConfusedCustomerAskingWhatItMeansForThem_needsTheNextStep_notASlowerPace() {
    assertThat(triggers(at(Signal.Kind.CUSTOMER_CONFUSED, 1_000), at(Signal.Kind.CUSTOMER_ASKS_NEXT, 1_000)))
        .extracting(Trigger::kind).doesNotContain(PromptKind.SLOW_DOWN);
    assertThat(triggers(at(Signal.Kind.AGENT_TURN, 5_000))).extracting(Trigger::kind)
        .as("the reply owes them the next step").containsExactly(PromptKind.NEXT_STEPS);
  }

  @Test
  void closingWhileWhatHappensNextIsUnanswered_promptsNextSteps_once() {
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 1_000));
    triggers(at(Signal.Kind.DEFLECTION, 5_000));
    assertThat(triggers(at(Signal.Kind.AGENT_CLOSING, 20_000))).extracting(Trigger::kind)
        .containsExactly(PromptKind.NEXT_STEPS);
    assertThat(triggers(at(Signal.Kind.AGENT_CLOSING, 30_000))).isEmpty();
  }

  @Test
  void closingAfterTheNextStep_orWithIt_orWithNothingAsked_promptsNothing() {
    assertThat(triggers(at(Signal.Kind.AGENT_CLOSING, 1_000))).isEmpty();
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 2_000));
    triggers(at(Signal.Kind.NEXT_STEP_GIVEN, 5_000));
    assertThat(triggers(at(Signal.Kind.AGENT_CLOSING, 20_000))).isEmpty();
    triggers(at(Signal.Kind.CUSTOMER_ASKS_NEXT, 30_000));
    assertThat(triggers(at(Signal.Kind.AGENT_CLOSING, 40_000), at(Signal.Kind.NEXT_STEP_GIVEN, 40_000))).isEmpty();
  }
}
