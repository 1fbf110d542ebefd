package io.carepulse.store;

import io.carepulse.score.Reason;

/**
 * An estimate of the heap bytes the in-memory store keeps for an item: 64-bit JVM with compressed references (12-byte
 * object headers, 4-byte references, 8-byte alignment), and every object counted as if nothing else shared it — so the
 * estimate errs high where the engine shares reasons between score points. Checked against {@code jcmd
 * GC.class_histogram} in docs/reliability.md ("Ended-call history in memory").
 */
final class RetainedSize {

  /** A map entry (TreeMap or LinkedHashMap) with its boxed long key. */
  static final int MAP_ENTRY = 40 + 24;
  /** A call's record, its summary and the empty collections of its history, before anything is written to them. */
  static final int CALL = 1_024;

  private RetainedSize() {
  }

  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** A String: the object, its byte array, one byte per char when every char is Latin-1 (compact strings), else two. */
  static long text(String text) {
    if (text == null) {
      return 0;
    }
    int perChar = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        perChar = 2;
        break;
      }
    }
    return 24 + align(16L + (long) text.length() * perChar);
  }

  /** A frame kept as its UTF-8 JSON bytes: the array, the holder and its entry in the call's frames by seq. */
  static long frame(byte[] json) {
    return align(16L + json.length) + 32 + MAP_ENTRY;
  }

  /** A score point with its parts, time, reasons and customer reading, and its entry in the call's points by seq. */
  static long score(ScorePoint point) {
    long bytes = 56 + 24 + 24 + MAP_ENTRY + align(16L + 4L * point.reasons().size());
    for (Reason reason : point.reasons()) {
      bytes += 32 + text(reason.text()) + align(16L + 4L * reason.frames().size());
      for (String frame : reason.frames()) {
        bytes += text(frame);
      }
    }
    if (point.customer() != null) {
      bytes += 32 + text(point.customer().frame());
    }
    return bytes;
  }

  static long prompt(PromptRecord prompt) {
    return 40 + 24 + text(prompt.promptId()) + text(prompt.text()) + MAP_ENTRY;
  }

  static long whisper(WhisperRecord whisper) {
    return 32 + 24 + text(whisper.from()) + text(whisper.text()) + 4;
  }

  static long alert(AlertRecord alert) {
    return 56 + 48 + 48 + text(alert.alertId()) + text(alert.kind()) + text(alert.message()) + MAP_ENTRY;
  }

  static long kudos(KudosRecord kudos) {
    return 56 + 24 + 48 + text(kudos.kudosId()) + text(kudos.reason()) + text(kudos.message()) + MAP_ENTRY;
  }

  static long outcome(OutcomeRecord outcome) {
    return 48 + 24 + 48 + text(outcome.outcomeId()) + text(outcome.source()) + text(outcome.idempotencyKey());
  }

  static long feedback(PromptFeedbackRecord feedback) {
    return 40 + 24 + 4;
  }
}
