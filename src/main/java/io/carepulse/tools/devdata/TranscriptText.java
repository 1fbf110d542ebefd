package io.carepulse.tools.devdata;

import java.util.regex.Pattern;

/**
 * Cleans corpus transcripts into what a live speech recogniser would send: transcriber tags such as
 * {@code [noise]}, {@code [laughter]} or {@code <unk>} are annotations, not words, so they are removed; a segment
 * left with no words is not an utterance at all.
 */
final class TranscriptText {

  private static final Pattern TAG = Pattern.compile("\\[[^\\]]*]|<[^>]*>");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private TranscriptText() {
  }

  /** The spoken words, or an empty string when the segment holds none. */
  static String spokenWords(String transcript) {
    if (transcript == null) {
      return "";
    }
    return SPACES.matcher(TAG.matcher(transcript).replaceAll(" ")).replaceAll(" ").strip();
  }
}
