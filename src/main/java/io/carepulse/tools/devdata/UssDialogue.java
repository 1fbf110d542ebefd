package io.carepulse.tools.devdata;

import java.util.List;

/**
 * One USS MultiWOZ dialogue held in memory only (the data may not be copied into the project): its turns in order
 * and the majority overall satisfaction rating, 1–5.
 */
public record UssDialogue(int number, List<Turn> turns, int rating) {

  public UssDialogue {
    turns = List.copyOf(turns);
  }

  /** USER is the customer, SYSTEM the service agent. */
  public enum Role { USER, SYSTEM }

  public record Turn(Role role, String text) {
  }
}
