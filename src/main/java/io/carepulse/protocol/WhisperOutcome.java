package io.carepulse.protocol;

/** What became of a supervisor's whisper. */
public enum WhisperOutcome {
  /** Written to the agent's socket. */
  DELIVERED,
  /** The agent is reconnecting; the whisper is held and delivered when the call is resumed. */
  HELD,
  /** No live call with that id (never started, or already ended). */
  NO_LIVE_CALL
}
