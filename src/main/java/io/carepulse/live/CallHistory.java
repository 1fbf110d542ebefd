package io.carepulse.live;

/**
 * What the live path needs from history: a recorder that hears every call event before any other listener, the gate
 * that says when an applied frame may be acknowledged, and where calls this process does not hold come from after a
 * restart, the customers' earlier calls (care memory) and the agents' (their baselines). The application builds it from
 * the store it opened.
 */
public record CallHistory(CallListener recorder, AckGate acks, CallRecovery recovery, CallerMemory memory,
                          AgentNorms agents) {

  /** No history: nothing recorded, acks at once, nothing survives a restart. */
  public static final CallHistory NONE = new CallHistory(event -> { }, AckGate.IMMEDIATE, CallRecovery.NONE);

  /** History without care memory. */
  public CallHistory(CallListener recorder, AckGate acks, CallRecovery recovery) {
    this(recorder, acks, recovery, CallerMemory.NONE);
  }

  /** History without agent baselines. */
  public CallHistory(CallListener recorder, AckGate acks, CallRecovery recovery, CallerMemory memory) {
    this(recorder, acks, recovery, memory, AgentNorms.NONE);
  }
}
