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
}
