package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.protocol.Speaker;
import io.carepulse.score.ActReader;
import io.carepulse.score.Tokens;
import io.carepulse.score.UtteranceAct;
import java.util.EnumSet;
import java.util.Set;

/**
 * A care-2 {@link ActReader} read as the labelled data's acts (they share their wire names), for measuring it. care-2's
 * own acts, which the labelled utterances do not have ({@link UtteranceAct#labelled()}), are left out.
 */
final class ReaderActs {

  private ReaderActs() {
  }

  static EvaluateActsCommand.Classifier of(ActReader reader) {
    return (speaker, text) -> acts(reader, speaker, text);
  }

  static Set<Act> acts(ActReader reader, Speaker speaker, String text) {
    Set<Act> found = EnumSet.noneOf(Act.class);
    for (UtteranceAct act : reader.read(speaker, text, Tokens.of(text)).found()) {
      if (act.labelled()) {
        found.add(Act.fromWire(act.wire()));
      }
    }
    return found;
  }

  /** The acts {@code first} finds plus those of {@code second} in {@code taken}. */
  static Set<Act> union(Set<Act> first, Set<Act> second, Set<Act> taken) {
    Set<Act> both = EnumSet.noneOf(Act.class);
    both.addAll(first);
    for (Act act : second) {
      if (taken.contains(act)) {
        both.add(act);
      }
    }
    return both;
  }
}
