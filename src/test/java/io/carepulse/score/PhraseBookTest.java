package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PhraseBookTest {

  private static PhraseBook book(String text) throws IOException {
    return PhraseBook.parse(new BufferedReader(new StringReader(text)));
  }

  @Test
  void matchesWholeWordsIgnoringCaseAndApostrophes() throws IOException {
    PhraseBook book = book("[commitment]\nI'll take care\n[deflection]\nnot my department\n");
    assertThat(book.match(Tokens.of("Don't worry, ILL TAKE CARE of it"))).containsKey(Cue.COMMITMENT);
    assertThat(book.match(Tokens.of("That's not my departmental budget"))).doesNotContainKey(Cue.DEFLECTION);
  }

  @Test
  void prefersTheLongestPhraseStartingAtTheSameWord() throws IOException {
    PhraseBook book = book("[empathy]\ni understand\ni understand how frustrating\n");
    assertThat(book.match(Tokens.of("I understand how frustrating this is")).get(Cue.EMPATHY))
        .isEqualTo("i understand how frustrating");
  }

  @Test
  void theShippedBookLoadsAndKnowsTheContactCentreClassics() {
    PhraseBook book = ScoringModel.standard().phrases();
    assertThat(book.match(Tokens.of("I want to speak to a manager"))).containsKey(Cue.ESCALATION);
    assertThat(book.match(Tokens.of("There's nothing I can do"))).containsKey(Cue.DEFLECTION);
    assertThat(book.match(Tokens.of("You'll receive a confirmation email"))).containsKey(Cue.NEXT_STEP);
  }
}
