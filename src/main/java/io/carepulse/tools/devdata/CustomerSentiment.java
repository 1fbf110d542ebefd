package io.carepulse.tools.devdata;

/** A text-only sentiment score of one customer turn, −1..1: what the baselines average. */
@FunctionalInterface
public interface CustomerSentiment {

  double compound(String text);
}
