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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A returning customer starts where their earlier calls left them, and the agent is told in one line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CareMemoryTest {

  private static final FrameReader READER = FrameReader.load();
  private static final long T0 = 1_767_000_000_000L;
  private static final long DAY = 24 * 3600 * 1000L;

  private static CallFrame frame(JsonObject json) {
    return (CallFrame) ((FrameRead.Accepted) READER.read(json)).frame();
  }

  private static JsonObject start() {
    return new JsonObject().put("type", "call.start").put("callId", "c3").put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("id", "cu-9").put("name", "Dana"));
  }

  private static CallerHistory.PriorCall prior(String callId, long daysAgo, int score, Boolean resolved) {
    return new CallerHistory.PriorCall(callId, T0 - daysAgo * DAY, T0 - daysAgo * DAY + 300_000, score, score, resolved,
        "billing");
  }

  private record Start(ScoreUpdate score, List<Prompt> prompts) {
  }

  private static Start startWith(CallerHistory history) {
    CallEngine engine = new CallEngine("c3", CoreConfig.defaults(), history);
    CallEngine.Step step = engine.apply(frame(start()));
    return new Start(step.score().orElseThrow(), step.prompts());
  }

  @Test
  void aThirdCallThisWeekAfterAnUnresolvedOneStartsLowerWithAReasonNamingTheLastCall() {
    CallerHistory history = new CallerHistory(List.of(prior("c1", 5, 62, true), prior("c2", 2, 55, false)));
    Start remembered = startWith(history);
    Start fresh = startWith(CallerHistory.NONE);

    assertThat(remembered.score().parts().emotion()).isLessThan(fresh.score().parts().emotion() - 10);
    assertThat(remembered.score().score()).isLessThan(fresh.score().score());
    Reason reason = remembered.score().reasons().stream().filter(r -> r.rule().equals("memory_prior")).findFirst()
        .orElseThrow();
    assertThat(reason.frames()).containsExactly("call:c2");
    assertThat(reason.text()).contains("third call in 7 days").contains("last call c2 ended unresolved");
    assertThat(remembered.prompts()).singleElement().satisfies(prompt -> {
      assertThat(prompt.kind()).isEqualTo(PromptKind.CUSTOMER_CONTEXT);
      assertThat(prompt.text()).isEqualTo("Third call this week about billing; last call ended unresolved.");
    });
    assertThat(fresh.prompts()).isEmpty();
    assertThat(fresh.score().reasons()).noneMatch(r -> r.rule().equals("memory_prior"));
  }

  @Test
  void anOldResolvedCallBarelyMatters_andTheUpsetOfAnUnresolvedOneStaysUntilResolved() {
    Start longAgo = startWith(new CallerHistory(List.of(prior("c1", 20, 70, true))));
    Start fresh = startWith(CallerHistory.NONE);
    assertThat(longAgo.score().parts().emotion()).isEqualTo(fresh.score().parts().emotion());
    assertThat(longAgo.prompts().get(0).text()).isEqualTo("Second call about billing; last call was resolved.");

    // The same neutral "okay" counts as still-unresolved after an unresolved call: the mood stays below a fresh one.
    CallerHistory unresolved = new CallerHistory(List.of(prior("c2", 1, 55, false)));
    List<Integer> withMemory = moods(unresolved);
    List<Integer> without = moods(CallerHistory.NONE);
    assertThat(withMemory.get(withMemory.size() - 1)).isLessThan(without.get(without.size() - 1));
  }

  private static List<Integer> moods(CallerHistory history) {
    CallEngine engine = new CallEngine("c3", CoreConfig.defaults(), history);
    List<Integer> moods = new ArrayList<>();
    for (JsonObject json : List.of(start(), says(2, "customer", "Okay."), says(3, "agent", "Right."))) {
      engine.apply(frame(json)).score().ifPresent(update -> moods.add(update.parts().emotion()));
    }
    return moods;
  }

  private static JsonObject says(long seq, String speaker, String text) {
    return new JsonObject().put("type", "utterance").put("callId", "c3").put("seq", seq).put("ts", T0 + seq * 3000)
        .put("speaker", speaker).put("text", text).put("final", true).put("startMs", seq * 3000)
        .put("endMs", seq * 3000 + 2500).put("utteranceId", "u" + seq);
  }

  @Test
  void theSameHistoryGivesTheSameCall() {
    CallerHistory history = new CallerHistory(List.of(prior("c2", 2, 35, null)));
    assertThat(startWith(history)).isEqualTo(startWith(history));
    assertThat(startWith(history).prompts().get(0).text()).isEqualTo("Second call this week about billing; last call ended badly.");
  }
}
