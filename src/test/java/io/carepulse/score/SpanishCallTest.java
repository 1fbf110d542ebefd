package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.Speaker;
import io.carepulse.score.sentiment.SpanishSentiment;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spanish calls are read in Spanish: the customer's emotion from the Spanish lexicon, both speakers' acts from the
 * Spanish phrases, with or without the accents speech-to-text may drop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpanishCallTest {

  private static final FrameReader READER = FrameReader.load();
  private static final long T0 = 1_767_000_000_000L;

  private static final String ANGRY = "¡Es la tercera vez que llamo! Estoy harto, me cobraron dos veces y nadie me"
      + " soluciona nada.";

  private static JsonObject start(String locale) {
    return new JsonObject().put("type", "call.start").put("callId", "c1").put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("name", "Lucía")).put("locale", locale);
  }

  private static JsonObject says(long seq, String speaker, String text) {
    return new JsonObject().put("type", "utterance").put("callId", "c1").put("seq", seq).put("ts", T0 + seq * 4000)
        .put("speaker", speaker).put("text", text).put("final", true).put("startMs", seq * 4000)
        .put("endMs", seq * 4000 + 3500).put("utteranceId", "u" + seq);
  }

  private static List<ScoreUpdate> run(String locale, String... turns) {
    CallEngine engine = new CallEngine("c1", CoreConfig.defaults());
    List<ScoreUpdate> updates = new ArrayList<>();
    List<JsonObject> frames = new ArrayList<>(List.of(start(locale)));
    for (int i = 0; i < turns.length; i++) {
      String[] turn = turns[i].split(": ", 2);
      frames.add(says(i + 2, turn[0].equals("C") ? "customer" : "agent", turn[1]));
    }
    for (JsonObject json : frames) {
      engine.apply((CallFrame) ((FrameRead.Accepted) READER.read(json)).frame()).score().ifPresent(updates::add);
    }
    return updates;
  }

  private static List<String> rules(List<ScoreUpdate> updates) {
    return updates.stream().flatMap(u -> u.reasons().stream()).map(Reason::rule).toList();
  }

  private static final String[] CARING = {
      "C: " + ANGRY,
      "A: Lo siento mucho, Lucía, entiendo su frustración y tiene toda la razón.",
      "A: Ahora mismo le devuelvo el cobro duplicado y le envío la confirmación por correo hoy mismo.",
      "C: Vale, muchísimas gracias, de verdad. Menos mal."};

  private static final String[] COLD = {
      "C: " + ANGRY,
      "A: Eso no es mi departamento, tiene que llamar a facturación.",
      "C: Esto es una vergüenza. Me voy a dar de baja.",
      "A: Es la política de la empresa, no puedo hacer nada."};

  @Test
  void anAngryCustomerCalmedByACaringAgentRises() {
    List<ScoreUpdate> call = run("es-ES", CARING);
    ScoreUpdate afterAnger = call.get(1);
    ScoreUpdate end = call.get(call.size() - 1);
    assertThat(afterAnger.customer().valence()).as("the anger is read").isLessThan(-0.5);
    assertThat(afterAnger.parts().emotion()).isLessThan(call.get(0).parts().emotion());
    assertThat(rules(call)).contains("acknowledged_feelings");
    assertThat(end.customer().valence()).as("the thanks are read").isGreaterThan(0.5);
    assertThat(end.parts().emotion()).isGreaterThan(afterAnger.parts().emotion() + 15);
    assertThat(end.score()).isGreaterThan(afterAnger.score() + 20);
    assertThat(end.callScore()).as("connected or fine").isGreaterThanOrEqualTo(56);
  }

  @Test
  void aColdAgentsCallStaysLow() {
    List<ScoreUpdate> cold = run("es-MX", COLD);
    List<ScoreUpdate> caring = run("es-MX", CARING);
    ScoreUpdate end = cold.get(cold.size() - 1);
    assertThat(rules(cold)).contains("missed_acknowledgement");
    assertThat(end.parts().ownership()).as("deflection is read").isLessThan(cold.get(0).parts().ownership());
    assertThat(end.callScore()).as("cold or at risk").isLessThan(56);
    assertThat(caring.get(caring.size() - 1).callScore()).isGreaterThan(end.callScore() + 20);
  }

  @Test
  void gratitudeAtTheEndIsRead_asAnActWithItsWords() {
    TurnActs acts = SpanishActReader.standard().read(Speaker.CUSTOMER, "Muchísimas gracias, ha sido muy amable.",
        Tokens.of("Muchísimas gracias, ha sido muy amable."));
    assertThat(acts.has(UtteranceAct.GRATITUDE)).isTrue();
    assertThat(acts.evidence(UtteranceAct.GRATITUDE)).isEqualTo("muchisimas gracias");
    assertThat(acts.has(UtteranceAct.TURNAROUND)).isTrue(); // crediting the agent: the moment for praise
    String lookBack = "Gracias, de verdad, estaba a punto de darme de baja cuando llamé.";
    assertThat(SpanishActReader.standard().read(Speaker.CUSTOMER, lookBack, Tokens.of(lookBack))
        .has(UtteranceAct.TURNAROUND)).isTrue();
    List<ScoreUpdate> call = run("es", "C: Tengo un problema con la factura.",
        "A: Ahora mismo lo reviso y le envío la factura corregida hoy mismo.",
        "C: Perfecto, muchísimas gracias, ha sido muy amable.");
    assertThat(call.get(call.size() - 1).customer().valence()).isGreaterThan(0.5);
    assertThat(call.get(call.size() - 1).parts().emotion()).isGreaterThan(call.get(1).parts().emotion());
  }

  @Test
  void anOfferToCloseIsRead_withOrWithoutTheAccent() {
    for (String said : List.of("¿Le puedo ayudar en algo más?", "le puedo ayudar en algo mas")) {
      assertThat(SpanishActReader.standard().read(Speaker.AGENT, said, Tokens.of(said))
          .has(UtteranceAct.OFFERS_TO_CLOSE)).as(said).isTrue();
    }
  }

  /** What a transcript without accents would say: "Lo siento mucho, Lucia, entiendo su frustracion …". */
  private static String withoutAccents(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("¡", "").replace("¿", "");
  }

  @Test
  void aTranscriptWithoutAccentsScoresTheSame() {
    String[] plain = new String[CARING.length];
    for (int i = 0; i < CARING.length; i++) {
      plain[i] = withoutAccents(CARING[i]);
    }
    assertThat(plain[1]).contains("frustracion");
    List<Integer> accented = run("es-ES", CARING).stream().map(ScoreUpdate::score).toList();
    List<Integer> unaccented = run("es-ES", plain).stream().map(ScoreUpdate::score).toList();
    assertThat(unaccented).isEqualTo(accented);
    assertThat(SpanishSentiment.standard().analyze("Esto es una vergüenza, está fatal").compound())
        .isEqualTo(SpanishSentiment.standard().analyze("Esto es una verguenza, esta fatal").compound());
  }

  @Test
  void spanishRegionsAreRead_frenchStillSaysUnsupportedLocale() {
    for (String locale : List.of("es", "es-ES", "es-MX", "ES-ar")) {
      List<ScoreUpdate> call = run(locale, "C: " + ANGRY);
      assertThat(rules(call)).as(locale).doesNotContain("unsupported_locale");
      assertThat(call.get(1).parts().emotion()).as(locale).isLessThan(call.get(0).parts().emotion());
    }
    List<ScoreUpdate> french = run("fr-FR", "C: C'est une honte, je suis furieux !");
    assertThat(french.get(0).reasons()).anySatisfy(r -> assertThat(r.text())
        .startsWith("emotion: unsupported locale fr-FR"));
    // Read as English, the same Spanish anger would barely register: the locale matters.
    List<ScoreUpdate> asEnglish = run("en-US", "C: Estoy harto, esto es una vergüenza y nadie me soluciona nada.");
    List<ScoreUpdate> asSpanish = run("es-ES", "C: Estoy harto, esto es una vergüenza y nadie me soluciona nada.");
    assertThat(asSpanish.get(1).parts().emotion()).isLessThan(asEnglish.get(1).parts().emotion() - 5);
  }

  @Test
  void aModelMayOnlyListLanguagesItHasResourcesFor() throws Exception {
    Properties properties = new Properties();
    try (var in = ScoringModel.class.getResourceAsStream(ScoringModel.STANDARD_RESOURCE)) {
      properties.load(in);
    }
    assertThat(properties.getProperty("emotion.locales")).isEqualTo("en,es");
    properties.setProperty("emotion.locales", "en,fr");
    assertThatThrownBy(() -> ScoringModel.fitted(properties)).hasMessageContaining("emotion.locales names fr");
  }
}
