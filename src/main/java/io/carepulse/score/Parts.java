package io.carepulse.score;

/** The six explainable parts of the connection score, each 0–100. */
public record Parts(int emotion, int empathy, int ownership, int listening, int responsiveness, int personal) {
}
