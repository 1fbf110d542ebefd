package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Synthetic dialogues in the USS file format, written for these tests (the real data may not be copied). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UssCorpusTest {

  static final String SNIPPET = String.join("\n",
      "",
      "USER\tI need a taxi to the station.\tTaxi-Inform\t3,3,4",
      "SYSTEM\tWhat time would you like to leave?\tTaxi-Request\t",
      "USER\tNow please, this is taking forever.\tTaxi-Inform\t2,2,3",
      "SYSTEM\tBooked, a red car is on its way.\tTaxi-Book\t",
      "USER\tOVERALL\t\t2,4,4,2",
      "",
      "USER\tAny cheap hotels in the north?\tHotel-Inform\t3,3,3",
      "SYSTEM\tThe Lovell Lodge is cheap and lovely.\tHotel-Recommend\t",
      "USER\tPerfect, thank you so much!\tgeneral-thank\t4,4,5",
      "USER\tOVERALL\t\t5,4,4,5,3",
      "");

  static List<UssDialogue> parse(String text) throws IOException {
    return UssCorpus.parse(new BufferedReader(new StringReader(text)));
  }

  @Test
  void readsDialoguesAndTheirMajorityRatingWithTiesToTheLowerValue() throws IOException {
    List<UssDialogue> dialogues = parse(SNIPPET);
    assertThat(dialogues).hasSize(2);
    assertThat(dialogues.get(0).rating()).isEqualTo(2);
    assertThat(dialogues.get(1).rating()).isEqualTo(4);
    assertThat(dialogues.get(0).turns()).extracting(UssDialogue.Turn::role).containsExactly(UssDialogue.Role.USER,
        UssDialogue.Role.SYSTEM, UssDialogue.Role.USER, UssDialogue.Role.SYSTEM);
    assertThat(dialogues.get(1).turns().get(2).text()).isEqualTo("Perfect, thank you so much!");
  }

  @Test
  void majorityRating() {
    assertThat(UssCorpus.majorityRating("3,3,2,3", 1)).isEqualTo(3);
    assertThat(UssCorpus.majorityRating("4,2,4,2", 1)).isEqualTo(2);
    assertThat(UssCorpus.majorityRating("5,1,3", 1)).isEqualTo(1);
    assertThat(UssCorpus.majorityRating("4", 1)).isEqualTo(4);
  }

  @Test
  void aDialogueWithoutOverallIsReportedWithItsLine() {
    assertThatThrownBy(() -> parse("USER\thello\t\t3,3\n\nUSER\tOVERALL\t\t3\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    assertThatThrownBy(() -> parse("BOT\thello\t\t3\n")).hasMessageContaining("neither USER nor SYSTEM");
  }

  @Test
  void dialoguesBecomeTimedFramesWithUserAsCustomer() throws IOException {
    List<CallFrame> frames = UssReplay.frames(parse(SNIPPET).get(0));
    assertThat(frames).hasSize(6);
    assertThat(frames.get(0).callId()).isEqualTo("uss-1");
    Utterance first = (Utterance) frames.get(1);
    Utterance second = (Utterance) frames.get(2);
    assertThat(first.speaker()).isEqualTo(Speaker.CUSTOMER);
    assertThat(second.speaker()).isEqualTo(Speaker.AGENT);
    // seven words at 150 wpm = 2 800 ms, then a 700 ms gap
    assertThat(first.endMs() - first.startMs()).isEqualTo(7 * 400);
    assertThat(second.startMs()).isEqualTo(first.endMs() + 700);
    assertThat(second.ts() - first.ts()).isEqualTo(second.startMs() - first.startMs());
    assertThat(frames.get(5)).isInstanceOf(CallEnd.class);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).seq()).isEqualTo(i + 1);
    }
  }

  @Test
  void baselineIsTheMeanOverCustomerTurnsOnly() throws IOException {
    UssDialogue happy = parse(SNIPPET).get(1);
    CustomerSentiment lengthOfText = text -> text.length();
    double expected = ("Any cheap hotels in the north?".length() + "Perfect, thank you so much!".length()) / 2.0;
    assertThat(SatisfactionEvaluation.meanCustomerSentiment(happy, lengthOfText)).isEqualTo(expected);
  }
}
