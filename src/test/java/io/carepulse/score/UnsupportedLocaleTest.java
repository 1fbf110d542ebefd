package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A customer speaking a language the model cannot read is said to be unread, never silently scored neutral. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnsupportedLocaleTest {

  private static final FrameReader READER = FrameReader.load();
  private static final long T0 = 1_767_000_000_000L;

  private static JsonObject start(String locale) {
    return new JsonObject().put("type", "call.start").put("callId", "c1").put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("name", "Camille")).put("locale", locale);
  }

  private static JsonObject says(long seq, String speaker, String text) {
    return new JsonObject().put("type", "utterance").put("callId", "c1").put("seq", seq).put("ts", T0 + seq * 3000)
        .put("speaker", speaker).put("text", text).put("final", true).put("startMs", seq * 3000)
        .put("endMs", seq * 3000 + 2500).put("utteranceId", "u" + seq);
  }

  private static List<ScoreUpdate> run(JsonObject... frames) {
    CallEngine engine = new CallEngine("c1", CoreConfig.defaults());
    List<ScoreUpdate> updates = new ArrayList<>();
    for (JsonObject json : frames) {
      CallFrame frame = (CallFrame) ((FrameRead.Accepted) READER.read(json)).frame();
      engine.apply(frame).score().ifPresent(updates::add);
    }
    return updates;
  }

  private static List<String> rules(ScoreUpdate update) {
    return update.reasons().stream().map(Reason::rule).toList();
  }

  /** "Terrible" and "furious" look English; read with the English lexicon they would move the score. */
  private static final String FURIOUS_FRENCH = "C'est terrible, je suis furieux, vous m'avez facture deux fois !";

  @Test
  void aFrenchCallSaysItsEmotionIsUnreadAndItsWordsDoNotMoveTheEmotionPart() {
    List<ScoreUpdate> french = run(start("fr-FR"), says(2, "customer", FURIOUS_FRENCH));
    ScoreUpdate atStart = french.get(0);
    assertThat(atStart.reasons()).anySatisfy(reason -> {
      assertThat(reason.rule()).isEqualTo("unsupported_locale");
      assertThat(reason.part()).isEqualTo(Part.EMOTION);
      assertThat(reason.text()).startsWith("emotion: unsupported locale fr-FR");
    });
    ScoreUpdate afterFury = french.get(1);
    assertThat(afterFury.reasons()).anySatisfy(reason -> {
      assertThat(reason.text()).startsWith("emotion: unsupported locale fr-FR");
      assertThat(reason.frames()).containsExactly("utt:u2");
    });
    assertThat(afterFury.parts().emotion()).isEqualTo(atStart.parts().emotion());
    assertThat(afterFury.customer()).isNull();

    // The same words under English are read, and they hurt: the French call was not misread as English.
    List<ScoreUpdate> english = run(start("en-US"), says(2, "customer", FURIOUS_FRENCH));
    assertThat(english.get(1).parts().emotion()).isLessThan(english.get(0).parts().emotion());
    assertThat(rules(english.get(0))).doesNotContain("unsupported_locale");
  }

  @Test
  void anyEnglishRegionIsSupportedAndOtherLanguagesAreNot() {
    assertThat(rules(run(start("en-GB")).get(0))).doesNotContain("unsupported_locale");
    assertThat(rules(run(start("EN-au")).get(0))).doesNotContain("unsupported_locale");
    assertThat(rules(run(start("de-DE")).get(0))).contains("unsupported_locale");
    assertThat(rules(run(start("pt-BR")).get(0))).contains("unsupported_locale");
  }

  @Test
  void emotionLeavesTheBlend_soTheCustomersMoodCannotMoveTheScore() {
    // A French call where the agent does nothing but the customer suffers: the score may move on behaviour only,
    // identically to a French call where the customer says something cheerful.
    List<ScoreUpdate> furious = run(start("fr-FR"), says(2, "customer", FURIOUS_FRENCH),
        says(3, "agent", "D'accord."));
    List<ScoreUpdate> cheerful = run(start("fr-FR"), says(2, "customer", "Merci beaucoup, c'est parfait, super !"),
        says(3, "agent", "D'accord."));
    assertThat(furious.get(2).score()).isEqualTo(cheerful.get(2).score());
    assertThat(furious.get(2).callScore()).isEqualTo(cheerful.get(2).callScore());
  }

  @Test
  void anExternalEmotionEngineBringsEmotionBackForAnUnsupportedLocale() {
    JsonObject estimate = new JsonObject().put("type", "emotion").put("callId", "c1").put("seq", 3)
        .put("ts", T0 + 9000).put("speaker", "customer").put("valence", -0.9).put("arousal", 0.9)
        .put("source", "engine-x");
    List<ScoreUpdate> updates = run(start("fr-FR"), says(2, "customer", FURIOUS_FRENCH), estimate,
        says(4, "agent", "D'accord."));
    ScoreUpdate last = updates.get(updates.size() - 1);
    assertThat(last.parts().emotion()).isLessThan(updates.get(0).parts().emotion());
  }
}
