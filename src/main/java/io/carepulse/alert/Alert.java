package io.carepulse.alert;

/**
 * One alert episode of a call, as raised or as cleared: the same {@code alertId} for both. {@code seq} and
 * {@code callTimeMs} are where it was raised (or cleared); {@code message} says why, for a person.
 */
public record Alert(String alertId, String callId, AlertKind kind, Severity severity, String message, long seq,
                    long callTimeMs) {
}
