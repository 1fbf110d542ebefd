package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The customer's own signals that carry across domains (issue 13, iteration 3): correcting the agent, asking them to
 * look again, saying the same request again, giving up, praise said inside a complaint; and an upset that only a
 * resolution the customer takes up resolves. Each in written form and as speech recognition writes it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerSignalsTest {

  private static final String CALL = "sig";
  private static final long T0 = 1_700_000_000_000L;
  private static final ActReader READER = PhraseActReader.standard();

  private final Scorer scorer = Scorer.create(CALL, ScoringModel.named("care-2"), SentimentAnalyzer.standard());
  private final List<ScoreUpdate> updates = new ArrayList<>();
  private long seq;
  private long at;

  private static TurnActs customerActs(String text) {
    return READER.read(Speaker.CUSTOMER, text, Tokens.of(text));
  }

  private void frame(CallFrame frame) {
    scorer.observe(frame);
    updates.add(scorer.update());
  }

  private void start() {
    frame(new CallStart(CALL, ++seq, T0, new CallStart.Customer("cu", "sam"), "t", null, Map.of()));
  }

  private void say(Speaker speaker, String text) {
    at += 4_000;
    frame(new Utterance(CALL, ++seq, T0 + at, speaker, text, true, at - 2_000, at, "u" + seq));
  }

  private int mood() {
    return updates.get(updates.size() - 1).parts().emotion();
  }

  private List<Reason> reasons() {
    return updates.stream().flatMap(u -> u.reasons().stream()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"No, I really want a hotel in the east.", "no um i really want a hotel in the east",
      "Let me clarify: I need it for four nights.", "let me uh clarify i need it for four nights",
      "Can you check again please?", "can you erm check again please"})
  void correctingTheAgentOrAskingThemToLookAgain_isFeelingUnheard_writtenOrRecognised(String text) {
    TurnActs acts = customerActs(text);
    assertThat(acts.has(UtteranceAct.UNHEARD)).as(text).isTrue();
  }

  @Test
  void politeNoAtTheEnd_isNotACorrection() {
    assertThat(customerActs("No, thank you, that is all I needed.").anyNegativeCustomerAct()).isFalse();
    assertThat(customerActs("no thats everything thanks").anyNegativeCustomerAct()).isFalse();
  }

  @Test
  void givingUp_isResignation() {
    assertThat(customerActs("At this point I'll take what I can get.").has(UtteranceAct.RESIGNATION)).isTrue();
    assertThat(customerActs("at this point ill take what i can get").has(UtteranceAct.RESIGNATION)).isTrue();
  }

  @Test
  void sayingTheSameRequestAgain_feelsUnheard_andTheReasonNamesTheWords() {
    start();
    say(Speaker.CUSTOMER, "I need a moderately priced hotel with free parking and wifi.");
    say(Speaker.AGENT, "We have eighteen places, any other preferences?");
    int before = mood();
    say(Speaker.CUSTOMER, "i need a moderately priced hotel with free parking and wifi");
    assertThat(mood()).isLessThan(before - 5);
    assertThat(reasons()).anySatisfy(r -> {
      assertThat(r.rule()).isEqualTo("customer_negative");
      assertThat(r.text()).contains("unheard").contains("moderately priced hotel");
    });
  }

  @Test
  void anAgentActThatTheCustomerRejects_doesNotResolveTheUpset() {
    start();
    say(Speaker.CUSTOMER, "This is ridiculous, I have been charged twice.");
    int upset = mood();
    say(Speaker.AGENT, "I will send you a form to fill in.");
    assertThat(mood()).as("an offer is not yet a resolution").isEqualTo(upset);
    say(Speaker.CUSTOMER, "no that is not what i asked for");
    say(Speaker.CUSTOMER, "okay");
    assertThat(mood()).as("still as upset as they were").isLessThan(upset + 5);
    assertThat(reasons()).noneMatch(r -> r.rule().equals("resolving_act"));
  }

  @Test
  void anAgentActThatTheCustomerTakesUp_resolvesTheUpset() {
    start();
    say(Speaker.CUSTOMER, "This is ridiculous, I have been charged twice.");
    int upset = mood();
    say(Speaker.AGENT, "I have refunded the second charge, you will see it tomorrow.");
    say(Speaker.CUSTOMER, "okay");
    assertThat(mood()).isGreaterThan(upset + 5);
    assertThat(reasons()).anySatisfy(r -> {
      assertThat(r.rule()).isEqualTo("resolving_act");
      assertThat(r.frames()).hasSize(2);
    });
  }

  @Test
  void praiseInsideAStandingComplaint_isSarcasm() {
    start();
    say(Speaker.CUSTOMER, "This is ridiculous, my parcel is lost.");
    say(Speaker.AGENT, "Those are the delivery rules.");
    say(Speaker.CUSTOMER, "brilliant so i wait another week then");
    assertThat(reasons()).anySatisfy(r -> assertThat(r.text()).contains("sarcastic").contains("brilliant"));
    assertThat(mood()).isLessThan(45);
  }

  @Test
  void praiseOnceTheUpsetIsResolved_isSincere() {
    start();
    say(Speaker.CUSTOMER, "This is ridiculous, my parcel is lost.");
    say(Speaker.AGENT, "I have sent a new one by express, it arrives tomorrow.");
    say(Speaker.CUSTOMER, "brilliant so it comes tomorrow now");
    assertThat(reasons()).noneMatch(r -> r.text().contains("sarcastic"));
  }
}
