package io.carepulse.score;

/**
 * How the call came back from its lowest point: the lowest rolling score, when it happened (ms since call start),
 * how long ago that was, and the slope of the score since then in points per minute.
 */
public record Recovery(int minScore, long minAtMs, long sinceMinMs, double slopePerMin) {
}
