package io.carepulse.tools.devdata;

/**
 * The fixed split of USS MultiWOZ that care-2 keeps: two dialogues in five, chosen by a hash of the dialogue's
 * number, are held out and never fitted on (their figures are reported separately). Fixed forever: changing it
 * would let the held-out figures leak into a fit.
 */
public final class MultiWozSplit {

  private MultiWozSplit() {
  }

  public static boolean heldOut(int dialogueNumber) {
    long h = (dialogueNumber * 0x9E3779B97F4A7C15L) ^ 0x5DEECE66DL;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return Math.floorMod(h, 5) < 2;
  }
}
