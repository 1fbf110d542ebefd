package io.carepulse.protocol;

/**
 * Transcript text. Partials may be superseded by a later final with the same {@code utteranceId};
 * {@code startMs}/{@code endMs} are milliseconds since call start, when the client knows them.
 */
public record Utterance(String callId, long seq, long ts, Speaker speaker, String text, boolean isFinal,
                        Long startMs, Long endMs, String utteranceId) implements CallFrame {

  @Override
  public String type() {
    return "utterance";
  }
}
