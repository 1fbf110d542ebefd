package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import io.carepulse.score.sentiment.SpanishSentiment;
import java.util.ArrayList;
import java.util.List;

/**
 * Dialogue acts of a Spanish call (model/care-2-acts-es.txt) for both speakers, whatever {@code model.acts} names:
 * the trained classifiers read English only. Tokens are matched with their accents folded, as the list is, because
 * speech-to-text often drops them ("lo siento, dejeme revisarlo" is "déjeme"). A Spanish question may open with "¿"
 * and lose its closing mark to the transcript.
 */
final class SpanishActReader implements ActReader {

  static final String RESOURCE = "/model/care-2-acts-es.txt";

  private static final class Standard {
    static final SpanishActReader READER = new SpanishActReader(
        PhraseActReader.fromResource(RESOURCE, SpanishSentiment::fold));
  }

  private final PhraseActReader phrases;

  private SpanishActReader(PhraseActReader phrases) {
    this.phrases = phrases;
  }

  static SpanishActReader standard() {
    return Standard.READER;
  }

  @Override
  public String id() {
    return phrases.id();
  }

  @Override
  public TurnActs read(Speaker speaker, String text, List<String> tokens) {
    List<String> folded = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      folded.add(SpanishSentiment.fold(token));
    }
    TurnActs acts = phrases.read(speaker, text, folded);
    if (speaker == Speaker.AGENT && !acts.has(UtteranceAct.QUESTION) && text != null
        && text.strip().startsWith("¿") && tokens.size() >= 2) {
      TurnActs.Builder withQuestion = new TurnActs.Builder();
      acts.found().forEach(act -> withQuestion.add(act, acts.evidence(act), acts.probability(act)));
      withQuestion.add(UtteranceAct.QUESTION, String.join(" ", tokens.subList(0, Math.min(3, tokens.size()))), 1.0);
      return withQuestion.build();
    }
    return acts;
  }
}
