package io.carepulse.acts;

import java.util.List;
import java.util.Set;

/**
 * Whether an agent's utterance addresses the customer by name. An agent who shares the customer's first name and
 * introduces themselves ("this is Dana", "my name's Dana", "Dana speaking") is not using the customer's name:
 * care-1 counted that as personal touch.
 */
public final class NameUse {

  /**
   * Words that, just before a name, make it the speaker's own ("this is", "my name is", "you are speaking with");
   * "am i speaking with Dana" addresses the customer, so "speaking with" counts only after "you are".
   */
  private static final List<List<String>> INTRODUCED_AFTER = List.of(List.of("this", "is"), List.of("name", "is"),
      List.of("i", "am"), List.of("my", "names"), List.of("it", "is"), List.of("call", "me"), List.of("here", "is"), List.of("through", "to"),
      List.of("are", "speaking", "with"), List.of("are", "speaking", "to"), List.of("are", "talking", "to"),
      List.of("are", "talking", "with"));
  /** Words that, just after a name, make it the speaker's own: "Dana speaking", "Dana here". */
  private static final Set<String> INTRODUCED_BEFORE = Set.of("speaking", "here", "from");

  private NameUse() {
  }

  /**
   * True when {@code text} contains a word of {@code customerName} (words of at least two letters) other than in a
   * self-introduction.
   */
  public static boolean addressesCustomer(String text, String customerName) {
    if (customerName == null || customerName.isBlank()) {
      return false;
    }
    List<String> name = Normaliser.tokens(customerName);
    List<String> words = Normaliser.tokens(text);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.length() < 2 || !name.contains(word)) {
        continue;
      }
      int end = i;
      while (end + 1 < words.size() && name.contains(words.get(end + 1))) {
        end++;
      }
      boolean introduced = introducedBefore(words, i) || end + 1 < words.size() && INTRODUCED_BEFORE.contains(words.get(end + 1));
      if (!introduced) {
        return true;
      }
      i = end;
    }
    return false;
  }

  private static boolean introducedBefore(List<String> words, int at) {
    for (List<String> phrase : INTRODUCED_AFTER) {
      int from = at - phrase.size();
      if (from >= 0 && words.subList(from, at).equals(phrase)) {
        return true;
      }
    }
    return false;
  }
}
