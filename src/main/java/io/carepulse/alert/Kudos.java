package io.carepulse.alert;

/** Recognition for the agent of a call that just ended; {@code score}/{@code callScore}/{@code minScore} at the end. */
public record Kudos(String kudosId, String callId, KudosReason reason, String message, int score, int callScore,
                    int minScore) {
}
