package io.carepulse.store;

import java.util.List;

/**
 * What the journal learned from live calls since its last flush, written in one go. A store applies the parts in this
 * order — calls started, frames, scores, prompts, feedback, whispers, calls ended — so a call that starts and ends in
 * one batch is consistent. Every write is idempotent: a frame, score point or prompt already stored (same call and
 * seq, or same promptId) is skipped, so a batch may be retried after a failure.
 */
public record JournalBatch(List<CallRecord> started, List<StoredFrame> frames, List<ScorePoint> scores,
                           List<PromptRecord> prompts, List<PromptFeedbackRecord> feedback,
                           List<WhisperRecord> whispers, List<CallEnding> ended) {

  public JournalBatch {
    started = List.copyOf(started);
    frames = List.copyOf(frames);
    scores = List.copyOf(scores);
    prompts = List.copyOf(prompts);
    feedback = List.copyOf(feedback);
    whispers = List.copyOf(whispers);
    ended = List.copyOf(ended);
  }

  public boolean isEmpty() {
    return started.isEmpty() && frames.isEmpty() && scores.isEmpty() && prompts.isEmpty() && feedback.isEmpty()
        && whispers.isEmpty() && ended.isEmpty();
  }

  public int size() {
    return started.size() + frames.size() + scores.size() + prompts.size() + feedback.size() + whispers.size()
        + ended.size();
  }
}
