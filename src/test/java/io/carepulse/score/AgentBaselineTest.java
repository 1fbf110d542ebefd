package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Prompt;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An agent is judged against their own normal: one who always speaks fast is not told to slow down on every call,
 * but is when they speed up well beyond it, and an extreme pace is flagged whatever their normal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentBaselineTest {

  private static final FrameReader READER = FrameReader.load();
  private static final long T0 = 1_767_000_000_000L;

  private static CallFrame frame(JsonObject json) {
    return (CallFrame) ((FrameRead.Accepted) READER.read(json)).frame();
  }

  /** What one call gave: its prompts, every reason it showed, its final listening part and the agent's pace. */
  private record Call(List<Prompt> prompts, List<String> rules, int listening, AgentPace pace) {

    long slowDowns() {
      return prompts.stream().filter(p -> p.kind() == PromptKind.SLOW_DOWN).count();
    }
  }

  private static Call run(String callId, List<JsonObject> frames, AgentBaseline baseline) {
    CallEngine engine = new CallEngine(callId, CoreConfig.defaults(), CallerHistory.NONE, baseline);
    List<Prompt> prompts = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    int listening = 0;
    for (JsonObject json : frames) {
      CallEngine.Step step = engine.apply(frame(json));
      prompts.addAll(step.prompts());
      for (ScoreUpdate update : step.score().stream().toList()) {
        update.reasons().forEach(r -> rules.add(r.rule()));
        listening = update.parts().listening();
      }
    }
    return new Call(prompts, rules, listening, engine.summary().pace());
  }

  private static JsonObject start(String callId) {
    return new JsonObject().put("type", "call.start").put("callId", callId).put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("name", "Dana"));
  }

  /** A minute of the agent talking at {@code wordsPerMin} (audio windows of 2 s), the customer quiet. */
  private static List<JsonObject> speaking(String callId, double wordsPerMin) {
    List<JsonObject> frames = new ArrayList<>(List.of(start(callId)));
    for (int i = 1; i <= 30; i++) {
      frames.add(new JsonObject().put("type", "acoustic").put("callId", callId).put("seq", 1 + i)
          .put("ts", T0 + i * 2000L).put("speaker", "agent").put("windowMs", 2000).put("rmsDb", -25.0)
          .put("voicedRatio", 0.6).put("wordsPerMin", wordsPerMin));
    }
    return frames;
  }

  /** Earlier calls of the agent, each measured by the engine itself at {@code wordsPerMin}. */
  private static AgentBaseline earlierCalls(int calls, double wordsPerMin) {
    List<AgentPace> paces = new ArrayList<>();
    for (int c = 0; c < calls; c++) {
      // A little spread around their normal, as real calls have.
      double rate = wordsPerMin + (c % 3 - 1) * 4;
      paces.add(run("e" + c, speaking("e" + c, rate), AgentBaseline.NONE).pace());
    }
    return new AgentBaseline(paces);
  }

  @Test
  void eachCallMeasuresTheAgentsPace() {
    AgentPace pace = run("c1", speaking("c1", 212), AgentBaseline.NONE).pace();
    assertThat(pace.wordsPerMin()).isEqualTo(212.0);
    // No long transcript turns and less than a minute of talk: those figures are not guessed.
    assertThat(pace.turnWordsPerMin()).isNull();
    assertThat(pace.talkShare()).isNull();
  }

  @Test
  void anAgentWhoAlwaysSpeaksFastIsNotToldToSlowDownOnEveryCall() {
    AgentBaseline fastNormal = earlierCalls(8, 210);
    assertThat(run("c1", speaking("c1", 210), AgentBaseline.NONE).slowDowns())
        .as("judged by the fixed 190 wpm, their normal pace is prompted").isEqualTo(1);
    assertThat(run("c1", speaking("c1", 210), fastNormal).slowDowns())
        .as("judged by their own normal, it is not").isZero();
    assertThat(run("c1", speaking("c1", 225), fastNormal).slowDowns()).isZero();
  }

  @Test
  void theSameAgentSpeedingUpWellBeyondTheirNormalIsPrompted() {
    AgentBaseline fastNormal = earlierCalls(8, 200);
    assertThat(run("c1", speaking("c1", 236), fastNormal).slowDowns()).isEqualTo(1);
  }

  @Test
  void anExtremePaceIsPromptedEvenWithAFastNormal() {
    AgentBaseline veryFastNormal = earlierCalls(8, 232);
    assertThat(run("c1", speaking("c1", 238), veryFastNormal).slowDowns())
        .as("within 15% of a very fast normal and under the ceiling").isZero();
    assertThat(run("c1", speaking("c1", 250), veryFastNormal).slowDowns())
        .as("past the 240 wpm ceiling whatever their normal").isEqualTo(1);
  }

  @Test
  void aSlowAgentRushingIsPromptedBelowTheFixedThreshold_butNeverAtAnOrdinaryPace() {
    AgentBaseline slowNormal = earlierCalls(8, 130);
    assertThat(run("c1", speaking("c1", 180), AgentBaseline.NONE).slowDowns()).isZero();
    assertThat(run("c1", speaking("c1", 180), slowNormal).slowDowns()).as("38% above their normal").isEqualTo(1);
    assertThat(run("c1", speaking("c1", 165), slowNormal).slowDowns()).as("below the 170 wpm floor").isZero();
  }

  @Test
  void aNewAgentFallsBackToTheFixedThresholds() {
    AgentBaseline fewCalls = earlierCalls(4, 210);
    assertThat(run("c1", speaking("c1", 210), fewCalls).slowDowns()).isEqualTo(1);
    assertThat(run("c1", speaking("c1", 185), fewCalls).slowDowns()).isZero();
    Call none = run("c1", speaking("c1", 210), AgentBaseline.NONE);
    assertThat(run("c1", speaking("c1", 210), fewCalls)).isEqualTo(none);
  }

  /** Two minutes in which the agent does {@code agentShare} of the talking, turn by turn. */
  private static List<JsonObject> talking(String callId, double agentShare) {
    List<JsonObject> frames = new ArrayList<>(List.of(start(callId)));
    long at = 1000;
    long seq = 2;
    for (int i = 0; i < 12; i++) {
      long agentMs = Math.round(10_000 * agentShare);
      long customerMs = 10_000 - agentMs;
      frames.add(says(callId, seq++, "customer", "Yes I have the router here with me", at, at + customerMs));
      at += customerMs;
      frames.add(says(callId, seq++, "agent", "Right so the router needs a restart and then the line", at,
          at + agentMs));
      at += agentMs;
    }
    return frames;
  }

  private static JsonObject says(String callId, long seq, String speaker, String text, long startMs, long endMs) {
    return new JsonObject().put("type", "utterance").put("callId", callId).put("seq", seq).put("ts", T0 + endMs)
        .put("speaker", speaker).put("text", text).put("final", true).put("startMs", startMs).put("endMs", endMs)
        .put("utteranceId", "u" + seq);
  }

  @Test
  void talkShareIsJudgedAgainstTheAgentsNormal_withACeilingForExtremes() {
    List<AgentPace> paces = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      paces.add(run("e" + c, talking("e" + c, 0.8), AgentBaseline.NONE).pace());
    }
    assertThat(paces.get(0).talkShare()).isEqualTo(0.8);
    AgentBaseline talksALot = new AgentBaseline(paces);

    Call fixed = run("c1", talking("c1", 0.8), AgentBaseline.NONE);
    Call ownNormal = run("c1", talking("c1", 0.8), talksALot);
    assertThat(fixed.rules()).contains("agent_dominates");
    assertThat(ownNormal.rules()).doesNotContain("agent_dominates");
    assertThat(ownNormal.listening()).isGreaterThan(fixed.listening());

    Call extreme = run("c1", talking("c1", 0.9), talksALot);
    assertThat(extreme.rules()).as("past the 0.85 ceiling").contains("agent_dominates");
  }

  @Test
  void theBaselineIsTheMedian_soOneOddCallDoesNotMoveIt() {
    List<AgentPace> paces = new ArrayList<>(Collections.nCopies(6, new AgentPace(150.0, null, null)));
    paces.add(new AgentPace(400.0, null, null));
    AgentBaseline baseline = new AgentBaseline(paces);
    assertThat(baseline.threshold(AgentPace::wordsPerMin, 5, 190, u -> u * 1.15, 170, 240)).isEqualTo(172.5);
    assertThat(baseline.threshold(AgentPace::turnWordsPerMin, 5, 220, u -> u * 1.15, 195, 280))
        .as("no call measured it: the fixed threshold").isEqualTo(220);
  }

  @Test
  void careOneKeepsItsFixedThresholds() {
    CoreConfig care1 = CoreConfig.forModel(ScoringModel.care1());
    AgentBaseline fastNormal = earlierCalls(8, 210);
    List<Prompt> withBaseline = new ArrayList<>();
    List<Prompt> without = new ArrayList<>();
    CallEngine a = new CallEngine("c1", care1, CallerHistory.NONE, fastNormal);
    CallEngine b = new CallEngine("c1", care1, CallerHistory.NONE, AgentBaseline.NONE);
    for (JsonObject json : speaking("c1", 210)) {
      withBaseline.addAll(a.apply(frame(json)).prompts());
      without.addAll(b.apply(frame(json)).prompts());
    }
    assertThat(withBaseline).isEqualTo(without);
  }
}
