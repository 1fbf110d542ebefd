package io.carepulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CallEngine;
import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Signal;
import io.carepulse.score.Trend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Alert episodes, told as calls: frames at given call times with the score the core gave them. Each kind is raised once
 * per episode and cleared when the episode ends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlertRulesTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final String CALL = "c1";

  private AlertRules rules = new AlertRules(CALL, AlertSettings.defaults());

  /** The boundary tests below count in care-1's thresholds: below 45 for 20 s, a 15-point drop within 30 s. */
  private void care1Thresholds() {
    rules = new AlertRules(CALL, AlertSettings.care1());
  }
  private final List<AlertChange> heard = new ArrayList<>();
  private long seq;

  @Test
  void lowScoreIsRaisedOnlyAfterItLasts_onceForTheEpisode_andClearedWithHysteresis() {
    start(50);
    scored(5_000, 34, Trend.FALLING);
    tick(20_000);
    assertThat(heard).isEmpty();
    tick(25_000);
    assertThat(kinds()).containsExactly("raised low_score");
    assertThat(heard.get(0).alert().message()).isEqualTo("score 34, below 35 for 20 s");
    scored(36_000, 31, Trend.FALLING);
    scored(38_000, 37, Trend.RISING);
    assertThat(kinds()).as("37 is within the 5-point margin: still the same episode").containsExactly("raised low_score");
    scored(40_000, 41, Trend.RISING);
    assertThat(kinds()).containsExactly("raised low_score", "cleared low_score");
    assertThat(heard.get(1).alert().alertId()).isEqualTo(heard.get(0).alert().alertId());
    assertThat(heard.get(1).alert().message()).isEqualTo("score back at 41");
  }

  @Test
  void sharpDropIsRaisedOnce_andClearsWhenTheScoreRecoversHalfway_withoutFlappingOnTheNextDip() {
    start(80);
    scored(5_000, 75, Trend.STEADY);
    scored(12_000, 44, Trend.FALLING);
    assertThat(kinds()).containsExactly("raised sharp_drop");
    assertThat(heard.get(0).alert().message()).isEqualTo("score fell 36 points in 12 s (80 → 44)");
    scored(15_000, 40, Trend.FALLING);
    assertThat(kinds()).hasSize(1);
    scored(20_000, 58, Trend.RISING);
    assertThat(kinds()).containsExactly("raised sharp_drop", "cleared sharp_drop");
    scored(24_000, 55, Trend.STEADY);
    assertThat(kinds()).as("the old peak no longer counts").hasSize(2);
  }

  @Test
  void sharpDropEndsWhenTheScoreStopsFalling_evenIfItStaysLow() {
    start(80);
    scored(10_000, 44, Trend.FALLING);
    tick(39_000);
    assertThat(kinds()).containsExactly("raised sharp_drop");
    tick(40_000);
    assertThat(kinds()).containsExactly("raised sharp_drop", "cleared sharp_drop");
    assertThat(heard.get(1).alert().message()).isEqualTo("no further drop for 30 s");
  }

  @Test
  void escalationRequestIsCriticalOncePerEpisode_andEndsAfterAQuietMinuteOrATransfer() {
    start(57);
    signal(3_000, Signal.Kind.CUSTOMER_ESCALATION);
    signal(20_000, Signal.Kind.CUSTOMER_ESCALATION);
    assertThat(kinds()).containsExactly("raised escalation_request");
    assertThat(heard.get(0).alert().severity()).isEqualTo(Severity.CRITICAL);
    tick(79_000);
    assertThat(kinds()).hasSize(1);
    tick(80_000);
    assertThat(kinds()).containsExactly("raised escalation_request", "cleared escalation_request");

    signal(90_000, Signal.Kind.CUSTOMER_ESCALATION);
    apply(new SoftphoneEvent(CALL, ++seq, T0 + 95_000, SoftphoneEvent.Kind.TRANSFER, null), CallEngine.Step.NOTHING);
    assertThat(kinds()).containsExactly("raised escalation_request", "cleared escalation_request",
        "raised escalation_request", "cleared escalation_request");
    assertThat(heard.get(3).alert().message()).isEqualTo("call transferred");
    assertThat(heard.get(2).alert().alertId()).isEqualTo("c1-a2");
  }

  @Test
  void churnThreatEndsWhenTheCustomerRecovers() {
    start(57);
    signal(3_000, Signal.Kind.CUSTOMER_CHURN_THREAT);
    signal(9_000, Signal.Kind.CUSTOMER_RECOVERED);
    assertThat(kinds()).containsExactly("raised churn_threat", "cleared churn_threat");
    assertThat(heard.get(1).alert().message()).isEqualTo("customer's mood recovered");
  }

  @Test
  void longHoldIsRaisedAtTheLimit_andClearedOnUnhold() {
    start(57);
    event(10_000, SoftphoneEvent.Kind.HOLD);
    tick(69_000);
    assertThat(heard).isEmpty();
    tick(70_000);
    event(71_000, SoftphoneEvent.Kind.HOLD);
    tick(90_000);
    event(95_000, SoftphoneEvent.Kind.UNHOLD);
    assertThat(kinds()).containsExactly("raised long_hold", "cleared long_hold");
    assertThat(heard.get(0).alert().message()).isEqualTo("on hold for 60 s (limit 60 s)");
    assertThat(heard.get(1).alert().message()).isEqualTo("off hold after 85 s");
  }

  @Test
  void promptsDismissedWhileTheScoreFalls_isInfo_andEndsWhenAPromptHelps() {
    start(57);
    feedback(5_000, PromptFeedback.Action.DISMISSED);
    scored(10_000, 52, Trend.FALLING);
    assertThat(heard).isEmpty();
    feedback(15_000, PromptFeedback.Action.DISMISSED);
    assertThat(kinds()).containsExactly("raised prompts_ignored");
    assertThat(heard.get(0).alert().severity()).isEqualTo(Severity.INFO);
    assertThat(heard.get(0).alert().message()).isEqualTo("2 prompts dismissed in 10 s while the score fell (57 → 52)");
    feedback(20_000, PromptFeedback.Action.HELPFUL);
    assertThat(kinds()).containsExactly("raised prompts_ignored", "cleared prompts_ignored");
  }

  @Test
  void promptsDismissedWhileTheScoreHolds_isNotAnAlert() {
    start(57);
    feedback(5_000, PromptFeedback.Action.DISMISSED);
    feedback(8_000, PromptFeedback.Action.UNHELPFUL);
    scored(10_000, 60, Trend.RISING);
    assertThat(heard).isEmpty();
  }

  @Test
  void theEndOfTheCallClearsEveryOpenAlert_mostUrgentIsListedFirst() {
    start(80);
    signal(3_000, Signal.Kind.CUSTOMER_CHURN_THREAT);
    scored(6_000, 30, Trend.FALLING);
    tick(30_000);
    assertThat(rules.open()).extracting(a -> a.kind().wire())
        .containsExactly("churn_threat", "low_score", "sharp_drop");
    apply(new CallEnd(CALL, ++seq, T0 + 31_000, "resolved"), CallEngine.Step.NOTHING);
    assertThat(kinds()).filteredOn(k -> k.startsWith("cleared")).hasSize(3);
    assertThat(rules.open()).isEmpty();
    assertThat(rules.ended("call ended")).isEmpty();
  }

  @Test
  void aTeamsSettingsChangeWhenAlertsFire() {
    AlertSettings strict = new AlertSettings(55, 0, 5, 15, 30_000, 60_000, 30_000, 2, 120_000, 360_000, 70, 20, 6);
    TeamAlertSettings teams = team -> team.equals("vip") ? strict : AlertSettings.defaults();
    AlertRules vip = new AlertRules(CALL, teams.forTeam("vip"));
    List<AlertChange> changes = new ArrayList<>();
    changes.addAll(vip.applied(start(), step(57, Trend.STEADY, 0)));
    changes.addAll(vip.applied(tickFrame(2_000), step(52, Trend.FALLING, 2_000)));
    assertThat(changes).extracting(c -> c.alert().kind()).containsExactly(AlertKind.LOW_SCORE);
    assertThat(teams.forTeam("other").lowScore()).isEqualTo(35);
  }

  @Test
  void aRealCallWhereTheCustomerAsksForAManager() {
    CallReplay replay = CallReplay.of("asks-for-manager", AlertSettings.defaults());
    assertThat(replay.changes).extracting(c -> c.type().wire() + " " + c.alert().kind().wire() + " at seq " + c.alert().seq())
        .containsExactly("alert.raised escalation_request at seq 3", "alert.cleared escalation_request at seq 4");
  }

  @Test
  void theSameFramesRaiseTheSameAlerts() {
    List<String> first = CallReplay.of("prompt-storm", AlertSettings.defaults()).changes.stream().map(Object::toString).toList();
    List<String> second = CallReplay.of("prompt-storm", AlertSettings.defaults()).changes.stream().map(Object::toString).toList();
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  @Test
  void aScoreAtTheThresholdIsNotLow_andTheEpisodeEndsExactlyAtThresholdPlusMargin() {
    care1Thresholds();
    start(57);
    scored(5_000, 45, Trend.STEADY);
    tick(30_000);
    assertThat(heard).as("45 is not below 45").isEmpty();
    scored(31_000, 44, Trend.FALLING);
    scored(40_000, 47, Trend.RISING);
    tick(50_999);
    assertThat(heard).isEmpty();
    tick(51_000);
    assertThat(kinds()).as("47 is inside the margin: the episode that began at 31 s goes on")
        .containsExactly("raised low_score");
    Alert raised = heard.get(0).alert();
    assertThat(raised.callId()).isEqualTo(CALL);
    assertThat(raised.seq()).isEqualTo(seq);
    assertThat(raised.callTimeMs()).isEqualTo(51_000);
    scored(52_000, 49, Trend.RISING);
    assertThat(kinds()).hasSize(1);
    scored(53_000, 50, Trend.RISING);
    assertThat(kinds()).containsExactly("raised low_score", "cleared low_score");
    Alert cleared = heard.get(1).alert();
    assertThat(cleared.seq()).isEqualTo(seq);
    assertThat(cleared.callTimeMs()).isEqualTo(53_000);
    assertThat(cleared.severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void aFallOfExactlyTheSharpDropPointsIsRaised_andRecoveringHalfOfThemClearsIt() {
    care1Thresholds();
    start(70);
    scored(10_000, 56, Trend.FALLING);
    assertThat(heard).as("14 points").isEmpty();
    scored(12_000, 55, Trend.FALLING);
    assertThat(kinds()).containsExactly("raised sharp_drop");
    assertThat(heard.get(0).alert().message()).isEqualTo("score fell 15 points in 12 s (70 → 55)");
    scored(14_000, 62, Trend.RISING);
    assertThat(kinds()).as("7 of 15 points back").hasSize(1);
    scored(16_000, 63, Trend.RISING);
    assertThat(kinds()).containsExactly("raised sharp_drop", "cleared sharp_drop");
    assertThat(heard.get(1).alert().message()).isEqualTo("score recovering (55 → 63)");
  }

  @Test
  void aFallSpreadOverMoreThanTheWindowIsNoSharpDrop() {
    care1Thresholds();
    start(70);
    scored(30_001, 54, Trend.FALLING);
    assertThat(kinds()).isEmpty();
  }

  @Test
  void aFallWithinTheWindowIsASharpDrop_upToItsLastMillisecond() {
    care1Thresholds();
    start(70);
    scored(30_000, 54, Trend.FALLING);
    assertThat(kinds()).containsExactly("raised sharp_drop");
  }

  @Test
  void aDropThatDeepens_measuresItsRecoveryFromTheLowestPoint() {
    care1Thresholds();
    start(70);
    scored(5_000, 50, Trend.FALLING);
    scored(8_000, 40, Trend.FALLING);
    scored(10_000, 47, Trend.RISING);
    assertThat(kinds()).as("7 points up from 40").containsExactly("raised sharp_drop");
    scored(12_000, 48, Trend.RISING);
    assertThat(kinds()).containsExactly("raised sharp_drop", "cleared sharp_drop");
    assertThat(heard.get(1).alert().message()).isEqualTo("score recovering (40 → 48)");
  }

  @Test
  void aChurnThreatEndsAfterAQuietMinute() {
    start(57);
    signal(3_000, Signal.Kind.CUSTOMER_CHURN_THREAT);
    assertThat(heard.get(0).alert().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(heard.get(0).alert().message()).isEqualTo("customer threatened to leave");
    tick(62_999);
    assertThat(kinds()).hasSize(1);
    tick(63_000);
    assertThat(kinds()).containsExactly("raised churn_threat", "cleared churn_threat");
    assertThat(heard.get(1).alert().message()).isEqualTo("no further threat for 60 s");
  }

  @Test
  void aManagerRequestEndsWhenTheCustomerRecovers_orSomeoneIsConferencedIn() {
    start(57);
    signal(3_000, Signal.Kind.CUSTOMER_ESCALATION);
    signal(9_000, Signal.Kind.CUSTOMER_RECOVERED);
    assertThat(kinds()).containsExactly("raised escalation_request", "cleared escalation_request");
    assertThat(heard.get(1).alert().message()).isEqualTo("customer's mood recovered");
    signal(20_000, Signal.Kind.CUSTOMER_CHURN_THREAT);
    event(25_000, SoftphoneEvent.Kind.CONFERENCE);
    assertThat(kinds()).endsWith("raised churn_threat", "cleared churn_threat");
    assertThat(heard.get(3).alert().message()).isEqualTo("someone was conferenced in");
    assertThat(heard.get(3).alert().alertId()).isEqualTo("c1-a2");
  }

  @Test
  void eachHoldIsTimedFromItsOwnStart() {
    start(57);
    event(5_000, SoftphoneEvent.Kind.UNHOLD);
    event(10_000, SoftphoneEvent.Kind.HOLD);
    event(20_000, SoftphoneEvent.Kind.UNHOLD);
    event(30_000, SoftphoneEvent.Kind.HOLD);
    tick(89_999);
    assertThat(heard).as("an unhold without a long hold clears nothing").isEmpty();
    tick(90_000);
    assertThat(kinds()).containsExactly("raised long_hold");
  }

  @Test
  void dismissalsCountOnlyInsideTheirWindow() {
    start(57);
    feedback(5_000, PromptFeedback.Action.DISMISSED);
    scored(10_000, 50, Trend.FALLING);
    feedback(125_001, PromptFeedback.Action.DISMISSED);
    assertThat(kinds()).as("the first is 120.001 s old").isEmpty();
  }

  @Test
  void dismissalsCountUpToTheLastMillisecondOfTheWindow() {
    start(57);
    feedback(5_000, PromptFeedback.Action.UNHELPFUL);
    scored(10_000, 50, Trend.FALLING);
    feedback(125_000, PromptFeedback.Action.UNHELPFUL);
    assertThat(kinds()).containsExactly("raised prompts_ignored");
  }

  @Test
  void promptsDismissedAsTheScoreTurnsDown_areAnAlertEvenBeforeItIsLower() {
    start(57);
    feedback(5_000, PromptFeedback.Action.DISMISSED);
    scored(8_000, 57, Trend.FALLING);
    feedback(10_000, PromptFeedback.Action.DISMISSED);
    assertThat(kinds()).containsExactly("raised prompts_ignored");
  }

  @Test
  void promptsMerelyShownAreNotIgnored() {
    start(57);
    feedback(5_000, PromptFeedback.Action.SHOWN);
    scored(8_000, 50, Trend.FALLING);
    feedback(10_000, PromptFeedback.Action.SHOWN);
    assertThat(kinds()).isEmpty();
  }

  @Test
  void ignoredPromptsEndWhenTheScoreIsBack_orWhenTheDismissalsAgeOut() {
    start(57);
    feedback(5_000, PromptFeedback.Action.DISMISSED);
    scored(10_000, 52, Trend.FALLING);
    feedback(15_000, PromptFeedback.Action.DISMISSED);
    scored(20_000, 56, Trend.RISING);
    assertThat(kinds()).containsExactly("raised prompts_ignored");
    tick(125_001);
    assertThat(kinds()).as("one dismissal still in the window").hasSize(1);
    tick(135_001);
    assertThat(kinds()).containsExactly("raised prompts_ignored", "cleared prompts_ignored");
    assertThat(heard.get(1).alert().message()).isEqualTo("no dismissed prompt for 120 s");
  }

  @Test
  void ignoredPromptsEndOnceTheScoreIsBackWhereItWas() {
    start(57);
    feedback(5_000, PromptFeedback.Action.DISMISSED);
    scored(10_000, 52, Trend.FALLING);
    feedback(15_000, PromptFeedback.Action.DISMISSED);
    scored(20_000, 56, Trend.RISING);
    scored(25_000, 57, Trend.RISING);
    assertThat(kinds()).containsExactly("raised prompts_ignored", "cleared prompts_ignored");
    assertThat(heard.get(1).alert().message()).isEqualTo("score back at 57");
  }

  @Test
  void aCallThatEndsWithoutItsCallEnd_closesItsAlertsWithTheReason_andStartsNoNewEpisode() {
    start(50);
    scored(5_000, 40, Trend.FALLING);
    event(6_000, SoftphoneEvent.Kind.HOLD);
    signal(7_000, Signal.Kind.CUSTOMER_ESCALATION);
    List<AlertChange> closed = rules.ended("agent never came back");
    assertThat(closed).extracting(c -> c.type() + " " + c.alert().kind() + ": " + c.alert().message())
        .containsExactly("CLEARED ESCALATION_REQUEST: agent never came back");
    assertThat(rules.open()).isEmpty();
    tick(200_000);
    assertThat(kinds()).as("neither the low score nor the hold goes on after the end")
        .containsExactly("raised escalation_request");
  }

  @Test
  void callTimeNeverRunsBackwards() {
    start(57);
    tick(10_000);
    apply(new Acoustic(CALL, ++seq, T0 + 4_000, Speaker.CUSTOMER, 500, -30.0, 180.0, 0.0, null),
        CallEngine.Step.NOTHING);
    assertThat(rules.callTimeMs()).isEqualTo(10_000);
  }

  // ---- the call, told frame by frame

  private CallStart start() {
    seq = 1;
    return new CallStart(CALL, 1, T0, null, "team-a", null, Map.of());
  }

  private void start(int score) {
    apply(start(), step(score, Trend.STEADY, 0));
  }

  private void scored(long atMs, int score, Trend trend) {
    apply(tickFrame(atMs), step(score, trend, atMs));
  }

  private void tick(long atMs) {
    apply(tickFrame(atMs), CallEngine.Step.NOTHING);
  }

  private void signal(long atMs, Signal.Kind kind) {
    apply(tickFrame(atMs), new CallEngine.Step(Optional.empty(), List.of(), List.of(new Signal(kind, seq, atMs, 0))));
  }

  private void event(long atMs, SoftphoneEvent.Kind kind) {
    apply(new SoftphoneEvent(CALL, ++seq, T0 + atMs, kind, null), CallEngine.Step.NOTHING);
  }

  private void feedback(long atMs, PromptFeedback.Action action) {
    apply(new PromptFeedback(CALL, ++seq, T0 + atMs, CALL + "-p1", action), CallEngine.Step.NOTHING);
  }

  private CallFrame tickFrame(long atMs) {
    return new Acoustic(CALL, ++seq, T0 + atMs, Speaker.CUSTOMER, 500, -30.0, 180.0, 0.0, null);
  }

  private CallEngine.Step step(int score, Trend trend, long atMs) {
    ScoreUpdate update = new ScoreUpdate(CALL, seq, atMs, score, score, new Parts(score, score, score, score, score, score),
        trend, "care-1", List.of(), new Recovery(score, atMs, 0, 0));
    return new CallEngine.Step(Optional.of(update), List.of(), List.of());
  }

  private void apply(CallFrame frame, CallEngine.Step step) {
    heard.addAll(rules.applied(frame, step));
  }

  private List<String> kinds() {
    return heard.stream().map(c -> (c.type() == AlertChange.Type.RAISED ? "raised " : "cleared ") + c.alert().kind().wire())
        .toList();
  }
}
