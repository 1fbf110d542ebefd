package io.carepulse.coach;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.score.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AttentionBudgetTest {

  private static Trigger trigger(PromptKind kind, long atMs, int priority) {
    return new Trigger(kind, 1, atMs, kind.wire(), priority);
  }

  private static CoachingPolicy policy(int cap) {
    return new CoachingPolicy(20_000, 120_000, Map.of(), cap, 10_000, 20_000, 4, 45_000, 3, 2.0,
        EnumSet.allOf(PromptKind.class), Map.of());
  }

  @Test
  void theMostUrgentOfSeveralWaitingReasonsIsShownFirst() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    Trigger shown = budget.offer(List.of(trigger(PromptKind.USE_NAME, 0, 1), trigger(PromptKind.TAKE_OWNERSHIP, 0, 3),
        trigger(PromptKind.LET_THEM_FINISH, 0, 2)), List.of(), 0, false);
    assertThat(shown.kind()).isEqualTo(PromptKind.TAKE_OWNERSHIP);
  }

  @Test
  void whileTheCallGoesWell_onlyUrgentPromptsCheckInsAndPraiseInterrupt_theRestWaitForItToSlip() {
    AttentionBudget budget = new AttentionBudget(CoachingPolicy.defaults());
    int[] score = {80};
    assertThat(budget.offer(List.of(trigger(PromptKind.USE_NAME, 0, 1), trigger(PromptKind.NEXT_STEPS, 3_000, 2)),
        List.of(), 3_000, false, () -> score[0])).isNull();
    score[0] = 65;
    assertThat(budget.offer(List.of(), List.of(), 10_000, false, () -> score[0]).kind())
        .as("held, not dropped: shown once the call slips below 70").isEqualTo(PromptKind.NEXT_STEPS);
    for (PromptKind anyway : List.of(PromptKind.TAKE_OWNERSHIP, PromptKind.CHECK_IN, PromptKind.POSITIVE_RECOVERY)) {
      int priority = anyway == PromptKind.TAKE_OWNERSHIP ? 3 : 2;
      assertThat(new AttentionBudget(CoachingPolicy.defaults()).offer(List.of(trigger(anyway, 0, priority)),
          List.of(), 0, false, () -> 95).kind()).isEqualTo(anyway);
    }
    assertThat(new AttentionBudget(CoachingPolicy.care1()).offer(List.of(trigger(PromptKind.USE_NAME, 0, 1)),
        List.of(), 0, false, () -> 95).kind()).as("care-1 never holds back").isEqualTo(PromptKind.USE_NAME);
  }

  @Test
  void nothingIsShownWhileTheCustomerSpeaks_butItIsOnceTheyStop() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    assertThat(budget.offer(List.of(trigger(PromptKind.TAKE_OWNERSHIP, 0, 3)), List.of(), 0, true)).isNull();
    assertThat(budget.offer(List.of(), List.of(), 5_000, false).kind()).isEqualTo(PromptKind.TAKE_OWNERSHIP);
  }

  @Test
  void aHeldPromptIsDroppedWhenTheAgentDoesTheThingMeanwhile() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    budget.offer(List.of(trigger(PromptKind.TAKE_OWNERSHIP, 0, 3)), List.of(), 0, true);
    Signal committed = new Signal(Signal.Kind.COMMITMENT_MADE, 2, 3_000, 0);
    assertThat(budget.offer(List.of(), List.of(committed), 3_000, false)).isNull();
  }

  @Test
  void thePerCallCapStopsPromptsForGood() {
    AttentionBudget budget = new AttentionBudget(policy(2));
    long t = 0;
    int shown = 0;
    for (PromptKind kind : PromptKind.values()) {
      if (budget.offer(List.of(trigger(kind, t, 2)), List.of(), t, false) != null) {
        shown++;
      }
      t += 30_000;
    }
    assertThat(shown).isEqualTo(2);
  }

  @Test
  void dismissingAKindDoublesItsCooldown() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    assertThat(budget.offer(List.of(trigger(PromptKind.SLOW_DOWN, 0, 1)), List.of(), 0, false)).isNotNull();
    budget.feedback(PromptKind.SLOW_DOWN, true);
    assertThat(budget.offer(List.of(trigger(PromptKind.SLOW_DOWN, 130_000, 1)), List.of(), 130_000, false)).isNull();
    assertThat(budget.offer(List.of(trigger(PromptKind.SLOW_DOWN, 250_000, 1)), List.of(), 250_000, false))
        .isNotNull();
  }

  /** care-2's budget: 15 s between prompts, 6 s when the next one matters more, 25 s per kind, 15 s before stale. */
  private static AttentionBudget defaults() {
    return new AttentionBudget(CoachingPolicy.defaults());
  }

  private static Trigger offer(AttentionBudget budget, Trigger trigger) {
    return budget.offer(List.of(trigger), List.of(), trigger.atMs(), false);
  }

  @Test
  void theNextPromptWaitsTheWholeGlobalGap_notAMomentLess() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    assertThat(offer(budget, trigger(PromptKind.SLOW_DOWN, 0, 2))).isNotNull();
    assertThat(budget.offer(List.of(trigger(PromptKind.LET_THEM_FINISH, 19_999, 2)), List.of(), 19_999, false))
        .isNull();
    assertThat(budget.offer(List.of(), List.of(), 20_000, false).kind()).isEqualTo(PromptKind.LET_THEM_FINISH);
  }

  @Test
  void aMoreUrgentPromptMayFollowAfterTheShortGap_anEquallyUrgentOneMayNot() {
    AttentionBudget budget = defaults();
    assertThat(offer(budget, trigger(PromptKind.LET_THEM_FINISH, 0, 2))).isNotNull();
    assertThat(offer(budget, trigger(PromptKind.SLOW_DOWN, 5_999, 2))).isNull();
    assertThat(offer(budget, trigger(PromptKind.TAKE_OWNERSHIP, 5_999, 3))).as("urgent, before 6 s").isNull();
    assertThat(budget.offer(List.of(), List.of(), 6_000, false).kind()).isEqualTo(PromptKind.TAKE_OWNERSHIP);
    assertThat(offer(budget, trigger(PromptKind.CHECK_IN, 14_000, 2))).as("less urgent: the whole gap").isNull();
  }

  @Test
  void aHeldReasonIsShownUpToItsStaleLimit_andDroppedAfter() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    budget.offer(List.of(trigger(PromptKind.TAKE_OWNERSHIP, 0, 3)), List.of(), 0, true);
    assertThat(budget.offer(List.of(), List.of(), 10_000, false)).as("10 s old: still relevant").isNotNull();

    AttentionBudget later = new AttentionBudget(policy(8));
    later.offer(List.of(trigger(PromptKind.TAKE_OWNERSHIP, 0, 3)), List.of(), 0, true);
    assertThat(later.offer(List.of(), List.of(), 10_001, false)).isNull();
    assertThat(later.offer(List.of(), List.of(), 10_002, false)).as("dropped, not queued").isNull();
  }

  @Test
  void praiseStaysWorthSayingThreeTimesAsLongAsACorrection() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    budget.offer(List.of(trigger(PromptKind.POSITIVE_RECOVERY, 0, 1)), List.of(), 0, true);
    assertThat(budget.offer(List.of(), List.of(), 30_000, false).kind()).isEqualTo(PromptKind.POSITIVE_RECOVERY);

    AttentionBudget later = new AttentionBudget(policy(8));
    later.offer(List.of(trigger(PromptKind.POSITIVE_RECOVERY, 0, 1)), List.of(), 0, true);
    assertThat(later.offer(List.of(), List.of(), 30_001, false)).isNull();
  }

  @Test
  void aKindComesBackOnlyOnceItsCooldownHasPassed() {
    AttentionBudget budget = defaults();
    assertThat(offer(budget, trigger(PromptKind.SLOW_DOWN, 0, 1))).isNotNull();
    assertThat(offer(budget, trigger(PromptKind.SLOW_DOWN, 19_999, 1))).isNull();
    assertThat(offer(budget, trigger(PromptKind.SLOW_DOWN, 20_000, 1))).isNotNull();
  }

  @Test
  void aKindWithItsOwnCooldownKeepsIt_andTheNameIsSuggestedOncePerCall() {
    AttentionBudget budget = defaults();
    assertThat(offer(budget, trigger(PromptKind.CHECK_IN, 0, 2))).isNotNull();
    assertThat(offer(budget, trigger(PromptKind.CHECK_IN, 59_999, 2))).isNull();
    assertThat(offer(budget, trigger(PromptKind.CHECK_IN, 60_000, 2))).isNotNull();

    assertThat(offer(budget, trigger(PromptKind.USE_NAME, 100_000, 1))).isNotNull();
    assertThat(offer(budget, trigger(PromptKind.USE_NAME, 1_000_000, 1))).isNull();
  }

  @Test
  void theCapCountsPromptsShown_soTheLastAllowedOneIsStillShown() {
    AttentionBudget budget = new AttentionBudget(policy(1));
    assertThat(offer(budget, trigger(PromptKind.SLOW_DOWN, 0, 1))).isNotNull();
    assertThat(offer(budget, trigger(PromptKind.TAKE_OWNERSHIP, 60_000, 3))).isNull();
    assertThat(new AttentionBudget(policy(0)).offer(List.of(trigger(PromptKind.TAKE_OWNERSHIP, 0, 3)), List.of(), 0,
        false)).as("a team that wants no prompts").isNull();
  }

  @Test
  void eachHeldPromptIsDroppedByTheBehaviourItAsksFor_andOnlyByThat() {
    Map<PromptKind, Signal.Kind> doneBy = Map.of(
        PromptKind.ACKNOWLEDGE_FEELINGS, Signal.Kind.EMPATHY_SHOWN,
        PromptKind.TAKE_OWNERSHIP, Signal.Kind.COMMITMENT_MADE,
        PromptKind.CHECK_IN, Signal.Kind.CHECKED_IN,
        PromptKind.USE_NAME, Signal.Kind.NAME_USED,
        PromptKind.NEXT_STEPS, Signal.Kind.NEXT_STEP_GIVEN,
        PromptKind.EMPATHY_WITHOUT_ACTION, Signal.Kind.COMMITMENT_MADE);
    doneBy.forEach((kind, done) -> {
      AttentionBudget budget = new AttentionBudget(policy(8));
      budget.offer(List.of(trigger(kind, 0, 2)), List.of(), 0, true);
      assertThat(budget.offer(List.of(), List.of(new Signal(done, 2, 1_000, 0)), 1_000, false)).as(kind + " done")
          .isNull();

      AttentionBudget other = new AttentionBudget(policy(8));
      other.offer(List.of(trigger(kind, 0, 2)), List.of(), 0, true);
      assertThat(other.offer(List.of(), List.of(new Signal(Signal.Kind.INTERRUPTION, 2, 1_000, 0)), 1_000, false))
          .as(kind + " still wanted").isNotNull();
    });
    AttentionBudget silence = new AttentionBudget(policy(8));
    silence.offer(List.of(trigger(PromptKind.CHECK_IN, 0, 2)), List.of(), 0, true);
    assertThat(silence.offer(List.of(), List.of(new Signal(Signal.Kind.VOICE, 2, 1_000, 0)), 1_000, false))
        .as("someone spoke: the silence is over").isNull();
    AttentionBudget pace = new AttentionBudget(policy(8));
    pace.offer(List.of(trigger(PromptKind.SLOW_DOWN, 0, 1)), List.of(), 0, true);
    assertThat(pace.offer(List.of(), List.of(new Signal(Signal.Kind.COMMITMENT_MADE, 2, 1_000, 0)), 1_000, false))
        .as("nothing the agent says undoes fast speech").isNotNull();
  }

  @Test
  void onlyDismissedOrUnhelpfulPromptsSlowTheirKind_andEachVerdictCompounds() {
    AttentionBudget helped = new AttentionBudget(policy(8));
    assertThat(offer(helped, trigger(PromptKind.SLOW_DOWN, 0, 1))).isNotNull();
    helped.feedback(PromptKind.SLOW_DOWN, false);
    assertThat(offer(helped, trigger(PromptKind.SLOW_DOWN, 120_000, 1))).isNotNull();

    AttentionBudget twice = new AttentionBudget(policy(8));
    assertThat(offer(twice, trigger(PromptKind.SLOW_DOWN, 0, 1))).isNotNull();
    twice.feedback(PromptKind.SLOW_DOWN, true);
    twice.feedback(PromptKind.SLOW_DOWN, true);
    assertThat(offer(twice, trigger(PromptKind.SLOW_DOWN, 479_999, 1))).isNull();
    assertThat(offer(twice, trigger(PromptKind.SLOW_DOWN, 480_000, 1))).isNotNull();
    assertThat(offer(twice, trigger(PromptKind.LET_THEM_FINISH, 500_000, 1))).as("other kinds keep theirs")
        .isNotNull();
  }

  @Test
  void twoCorrectionsFromOneFrameShareOnePrompt_andBothKindsThenCoolDown() {
    AttentionBudget budget = new AttentionBudget(policy(8));
    // A deflection that also ignored the customer's upset: one frame, two reasons.
    Trigger shown = budget.offer(List.of(new Trigger(PromptKind.ACKNOWLEDGE_FEELINGS, 7, 0, "Acknowledge them.", 2),
        new Trigger(PromptKind.TAKE_OWNERSHIP, 7, 0, "Own it.", 3)), List.of(), 0, false);
    assertThat(shown.kind()).as("the more important one leads").isEqualTo(PromptKind.TAKE_OWNERSHIP);
    assertThat(shown.also()).containsExactly(PromptKind.ACKNOWLEDGE_FEELINGS);
    assertThat(shown.text()).as("said in a coach's order").isEqualTo("Acknowledge them. Own it.");
    assertThat(shown.priority()).isEqualTo(3);
    assertThat(budget.offer(List.of(trigger(PromptKind.ACKNOWLEDGE_FEELINGS, 25_000, 2)), List.of(), 25_000, false))
        .as("acknowledge_feelings was given: its cooldown runs").isNull();
    assertThat(budget.offer(List.of(trigger(PromptKind.SLOW_DOWN, 26_000, 2)), List.of(), 26_000, false))
        .as("not the gap: another kind is shown").isNotNull();
  }

  @Test
  void reasonsFromDifferentFramesGentleHintsAndPraiseAreNotMerged() {
    AttentionBudget frames = new AttentionBudget(policy(8));
    Trigger first = frames.offer(List.of(new Trigger(PromptKind.ACKNOWLEDGE_FEELINGS, 1, 0, "a", 2)), List.of(), 0,
        true);
    assertThat(first).as("held while the customer speaks").isNull();
    Trigger shown = frames.offer(List.of(new Trigger(PromptKind.TAKE_OWNERSHIP, 2, 1_000, "b", 3)), List.of(), 1_000,
        false);
    assertThat(shown.kind()).isEqualTo(PromptKind.TAKE_OWNERSHIP);
    assertThat(shown.also()).isEmpty();

    AttentionBudget praise = new AttentionBudget(policy(8));
    Trigger recognised = praise.offer(List.of(new Trigger(PromptKind.POSITIVE_RECOVERY, 3, 0, "Great recovery.", 1),
        new Trigger(PromptKind.NEXT_STEPS, 3, 0, "Tell them what happens next.", 2)), List.of(), 0, false);
    assertThat(recognised.kind()).isEqualTo(PromptKind.NEXT_STEPS);
    assertThat(recognised.also()).as("praise is never tacked onto a correction").isEmpty();

    AttentionBudget gentle = new AttentionBudget(policy(8));
    Trigger owned = gentle.offer(List.of(new Trigger(PromptKind.TAKE_OWNERSHIP, 4, 0, "Own it.", 3),
        new Trigger(PromptKind.USE_NAME, 4, 0, "Use their name: Dana.", 1)), List.of(), 0, false);
    assertThat(owned.also()).as("the name waits for a moment of its own").isEmpty();
  }
}
