package io.carepulse.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A team's coaching budget: what a playbook may set, and what it is refused. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CoachingPolicyTest {

  private static CoachingPolicy policy(long minGapMs, long cooldownMs, int cap, long staleMs, double factor,
                                       long urgentGapMs) {
    return new CoachingPolicy(minGapMs, cooldownMs, Map.of(), cap, staleMs, 20_000, 4, 45_000, 3, factor,
        EnumSet.allOf(PromptKind.class), Map.of(), urgentGapMs);
  }

  @Test
  void zeroGapsCooldownsAndCapAreAllowed_theyMeanNoWaitingOrNoPrompts() {
    CoachingPolicy eager = policy(0, 0, 0, 1, 1.0, 0);
    assertThat(eager.perCallCap()).isZero();
    assertThat(eager.cooldown(PromptKind.SLOW_DOWN)).isZero();
  }

  @Test
  void negativeBudgetsAreRefusedWithTheRule() {
    assertThatThrownBy(() -> policy(-1, 0, 0, 1, 1.0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> policy(0, -1, 0, 1, 1.0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy(0, 0, -1, 1, 1.0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy(0, 0, 0, 0, 1.0, 0)).as("a held prompt must live a moment")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy(0, 0, 0, 1, 1.0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void feedbackMayNeverMakeAKindMoreFrequent() {
    assertThatThrownBy(() -> policy(0, 0, 0, 1, 0.99, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feedbackCooldownFactor");
  }

  @Test
  void aKindWithoutItsOwnCooldownUsesTheDefault() {
    CoachingPolicy defaults = CoachingPolicy.defaults();
    assertThat(defaults.cooldown(PromptKind.TAKE_OWNERSHIP)).isEqualTo(20_000);
    assertThat(defaults.cooldown(PromptKind.CHECK_IN)).isEqualTo(60_000);
    assertThat(defaults.cooldown(PromptKind.USE_NAME)).isEqualTo(Long.MAX_VALUE);
    assertThat(CoachingPolicy.care1().cooldown(PromptKind.TAKE_OWNERSHIP)).isEqualTo(120_000);
  }

  @Test
  void care2sHeldPromptLastsTheGap_soAPromptWaitingBehindAnotherIsShown() {
    CoachingPolicy defaults = CoachingPolicy.defaults();
    assertThat(defaults.staleAfter(PromptKind.TAKE_OWNERSHIP)).isGreaterThanOrEqualTo(defaults.minGapMs());
  }

  @Test
  void care1WaitsTheWholeGapEvenForAnUrgentPrompt() {
    assertThat(CoachingPolicy.care1().urgentGapMs()).isEqualTo(CoachingPolicy.care1().minGapMs()).isEqualTo(20_000);
    assertThat(CoachingPolicy.defaults().urgentGapMs()).isEqualTo(6_000);
  }

  @Test
  void everyKindHasAText_evenWhenTheTeamOverridesOnlyOne() {
    CoachingPolicy team = new CoachingPolicy(0, 0, Map.of(), 5, 1, 20_000, 4, 45_000, 3, 1.0,
        Set.of(PromptKind.SLOW_DOWN), Map.of(PromptKind.SLOW_DOWN, "Breathe."));
    assertThat(team.text(PromptKind.SLOW_DOWN)).isEqualTo("Breathe.");
    assertThat(team.text(PromptKind.TAKE_OWNERSHIP)).isEqualTo("Own it: say what you will do.");
    assertThat(team.isEnabled(PromptKind.SLOW_DOWN)).isTrue();
    assertThat(team.isEnabled(PromptKind.TAKE_OWNERSHIP)).isFalse();
    CoachingPolicy silent = new CoachingPolicy(0, 0, Map.of(), 5, 1, 20_000, 4, 45_000, 3, 1.0, Set.of(), Map.of());
    assertThat(PromptKind.values()).noneMatch(silent::isEnabled);
  }
}
