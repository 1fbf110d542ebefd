package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NormaliserTest {

  private static void sameTokens(String written, String spoken) {
    assertThat(Normaliser.tokens(spoken)).as("'%s' vs '%s'", written, spoken)
        .isEqualTo(Normaliser.tokens(written));
  }

  @Test
  void writtenAndSpokenFormsOfTheSameSentenceGiveTheSameTokens() {
    sameTokens("I'll call you back within 24 hours.", "ill call you back within twenty four hours");
    sameTokens("I'm afraid that's not something we can do.", "um im afraid thats not something we can do");
    sameTokens("Don't worry, I can sort it.", "dont worry i i can sort it");
    sameTokens("It's the 3rd time I've called!", "its the third time ive called");
    sameTokens("Mm-hmm.", "mhm");
    sameTokens("OK, thanks for holding.", "okay thank you for holding");
    sameTokens("I can help, I can help you with that.", "i can help you with that");
    sameTokens("We apologise for any inconvenience.", "we apologize for any inconvenience");
    sameTokens("You’re through to Sam.", "youre through to sam");
  }

  @Test
  void contractionsExpandAndWordsThatOnlyLookLikeThemStay() {
    assertThat(Normaliser.tokens("I'll check")).containsExactly("i", "will", "check");
    assertThat(Normaliser.tokens("my son is ill")).containsExactly("my", "son", "is", "ill");
    assertThat(Normaliser.tokens("we'll see")).containsExactly("we", "will", "see");
    assertThat(Normaliser.tokens("well we will see")).containsExactly("well", "we", "will", "see");
  }

  @Test
  void fillersGoAndNumbersBecomeOneToken() {
    assertThat(Normaliser.tokens("uh so um it was like $1,250.00 er yeah"))
        .containsExactly("so", "it", "was", "like", "#num", "yeah");
    assertThat(Normaliser.tokens("give it 1 day")).containsExactly("give", "it", "one", "day");
    assertThat(Normaliser.tokens(null)).isEmpty();
    assertThat(Normaliser.tokens("  ...?! ")).isEmpty();
  }
}
