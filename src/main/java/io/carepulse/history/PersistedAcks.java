package io.carepulse.history;

import io.carepulse.live.AckGate;
import io.carepulse.live.CallEvent;

/**
 * protocol v1 with a durable store: an ack means persisted. Each ack waits in the {@link CallJournal}'s queue behind
 * its frame and is sent, on the call's event loop, once the batch holding the frame has committed; the queue is FIFO
 * and batches commit one at a time in order, so a call's acks keep their order. While the journal holds its bound of
 * unwritten frames, new frames are refused (the client keeps them and resends).
 */
final class PersistedAcks implements AckGate {

  private final CallJournal journal;

  PersistedAcks(CallJournal journal) {
    this.journal = journal;
  }

  @Override
  public void release(CallEvent.Applied applied, Runnable ack) {
    journal.releaseAfterQueued(ack);
  }

  @Override
  public void repeat(Runnable ack) {
    journal.releaseAfterQueued(ack);
  }

  @Override
  public boolean accepting() {
    return journal.accepting();
  }
}
