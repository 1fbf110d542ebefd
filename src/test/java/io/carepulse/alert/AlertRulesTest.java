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

  private final AlertRules rules = new AlertRules(CALL, AlertSettings.defaults());
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
