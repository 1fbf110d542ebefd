package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.protocol.Speaker;
import java.util.Set;

/** One labelled utterance of src/devdata/acts (format in src/devdata/README.md). */
public record ActExample(String id, Speaker speaker, String industry, Form form, Set<Act> acts, String text,
                         String file) {

  /** Written text, or what speech recognition gives. */
  public enum Form {
    CLEAN, ASR
  }

  public boolean has(Act act) {
    return acts.contains(act);
  }
}
