package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.protocol.Speaker;
import io.carepulse.score.Cue;
import io.carepulse.score.PhraseBook;
import io.carepulse.score.ScoringModel;
import io.carepulse.score.Tokens;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * care-1's cue detection read as dialogue acts, for comparison: each phrase-list cue stands for the act of the same
 * meaning, an empathy phrase that apologises ("sorry", "apologise") also for {@link Act#APOLOGY}, and care-1's
 * question rule (ends with "?", or opens with a question word and has at least three words) for
 * {@link Act#QUESTION}. Acts care-1 has no cue for (reassurance, hollow sympathy, frustration, anxiety,
 * resignation, sarcasm, repeat contact, relief) are never found by it.
 */
public final class PhraseListBaseline {

  private static final Set<String> QUESTION_OPENERS = Set.of(
      "what", "when", "where", "which", "who", "why", "how", "could", "can", "would", "do", "did", "is", "are",
      "have", "may");

  private final PhraseBook phrases = ScoringModel.standard().phrases();

  /** The acts care-1 has a cue for, by speaker. */
  public static boolean covers(Act act) {
    return switch (act) {
      case REASSURANCE, HOLLOW_SYMPATHY, FRUSTRATION, ANXIETY, RESIGNATION, SARCASM, REPEAT_CONTACT, RELIEF -> false;
      default -> true;
    };
  }

  public Set<Act> classify(Speaker speaker, String text) {
    List<String> tokens = Tokens.of(text);
    Map<Cue, String> cues = phrases.match(tokens);
    Set<Act> acts = EnumSet.noneOf(Act.class);
    cues.forEach((cue, phrase) -> {
      Act act = act(cue);
      if (act != null && act.speaker() == speaker) {
        acts.add(act);
      }
      if (cue == Cue.EMPATHY && speaker == Speaker.AGENT && (phrase.contains("sorry") || phrase.contains("apolog"))) {
        acts.add(Act.APOLOGY);
      }
    });
    if (speaker == Speaker.AGENT && (text.strip().endsWith("?")
        || !tokens.isEmpty() && QUESTION_OPENERS.contains(tokens.get(0)) && tokens.size() >= 3)) {
      acts.add(Act.QUESTION);
    }
    return acts;
  }

  private static Act act(Cue cue) {
    return switch (cue) {
      case EMPATHY -> Act.EMPATHY;
      case COMMITMENT -> Act.COMMITMENT;
      case NEXT_STEP -> Act.NEXT_STEP;
      case DEFLECTION -> Act.DEFLECTION;
      case BACKCHANNEL -> Act.BACKCHANNEL;
      case COURTESY -> Act.COURTESY;
      case CHECK_IN -> Act.CHECK_IN;
      case BAD_NEWS -> Act.BAD_NEWS;
      case ALTERNATIVE -> Act.ALTERNATIVE;
      case ESCALATION -> Act.ESCALATION;
      case CHURN_THREAT -> Act.CHURN_THREAT;
      case CONFUSION -> Act.CONFUSION;
      case NOT_HEARD -> Act.UNHEARD;
      case ASKS_NEXT -> Act.ASKS_NEXT;
      case GRATITUDE -> Act.GRATITUDE;
      case DISMISSIVE -> null;
    };
  }
}
