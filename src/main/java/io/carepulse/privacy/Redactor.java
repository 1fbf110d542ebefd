package io.carepulse.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from free text before it is stored or leaves the process: payment card numbers (13–19 digits,
 * spaces or dashes allowed, Luhn-checked so order numbers survive), national ids (US SSN, UK National Insurance
 * number), email addresses and phone numbers. Each is replaced by a tag saying what was there ({@code [card]},
 * {@code [national-id]}, {@code [email]}, {@code [phone]}), so a reader still understands the sentence.
 *
 * <p>It errs towards keeping ordinary numbers: amounts, dates, times and short reference numbers stay. Thread-safe and
 * allocation-light; share {@link #standard()}.
 */
public final class Redactor {

  public static final String CARD = "[card]";
  public static final String NATIONAL_ID = "[national-id]";
  public static final String EMAIL = "[email]";
  public static final String PHONE = "[phone]";

  private static final Redactor STANDARD = new Redactor();

  private static final Pattern EMAIL_ADDRESS = Pattern.compile(
      "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /** Runs of digits with single spaces or dashes between them; card numbers are found inside these. */
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)(?<!\\d[.,])\\d(?:[ -]?\\d){12,}(?!\\d|[.,]\\d)");

  /** US SSN, dashed or spaced: never area 000, 666 or 9xx, group 00, serial 0000 (SSA rules). */
  private static final Pattern SSN = Pattern.compile(
      "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])");

  /**
   * UK National Insurance number (HMRC format): two prefix letters (D, F, I, Q, U, V never; O never second; BG, GB,
   * NK, KN, TN, NT, ZZ never), six digits in pairs, suffix A–D; spaces optional.
   */
  private static final Pattern NI_NUMBER = Pattern.compile(
      "(?i)\\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b");

  /** A phone-shaped run: optional +, digits with spaces, dots, dashes or brackets between; digits are counted after. */
  private static final Pattern PHONE_CANDIDATE = Pattern.compile(
      "(?<![\\w@+.,/:])(\\+|00)?\\(?\\d[\\d ().-]{5,}\\d(?![\\w@]|[.,/:]\\d)");

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

  private static final Pattern DATE_LIKE = Pattern.compile(
      "\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");

  private Redactor() {
  }

  public static Redactor standard() {
    return STANDARD;
  }

  /** The text with personal data replaced; null stays null. */
  public String redact(String text) {
    if (text == null || !mayHoldPersonalData(text)) {
      return text;
    }
    String out = EMAIL_ADDRESS.matcher(text).replaceAll(EMAIL);
    out = cards(out);
    out = SSN.matcher(out).replaceAll(NATIONAL_ID);
    out = NI_NUMBER.matcher(out).replaceAll(NATIONAL_ID);
    return phones(out);
  }

  /**
   * Every pattern here needs a digit (cards, ids, phones) or an {@code @} (email): most of what is said has neither,
   * and one scan spares it five regex passes (the journal redacts every utterance it stores).
   */
  private static boolean mayHoldPersonalData(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '@' || c >= '0' && c <= '9' || c > 0x7f && Character.isDigit(c)) {
        return true;
      }
    }
    return false;
  }

  private static String cards(String text) {
    Matcher run = DIGIT_RUN.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (run.find()) {
      String found = run.group();
      int cardEnd = cardPrefixEnd(found);
      if (cardEnd < 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, run.start()).append(CARD).append(found, cardEnd, found.length());
      copied = run.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * Where the longest Luhn-valid card number (13–19 digits) at the start of {@code run} ends, or -1. Trying prefixes
   * catches a card followed by more digits, e.g. its expiry or security code.
   */
  private static int cardPrefixEnd(String run) {
    int[] digits = new int[run.length()];
    int[] endAfter = new int[run.length()];
    int n = 0;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (Character.isDigit(c)) {
        digits[n] = c - '0';
        endAfter[n] = i + 1;
        n++;
      }
    }
    for (int length = Math.min(19, n); length >= 13; length--) {
      boolean atGroupEnd = length == n || !Character.isDigit(run.charAt(endAfter[length - 1]));
      if (atGroupEnd && luhn(digits, length)) {
        return endAfter[length - 1];
      }
    }
    return -1;
  }

  static boolean luhn(int[] digits, int length) {
    int sum = 0;
    boolean twice = false;
    for (int i = length - 1; i >= 0; i--) {
      int d = digits[i];
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static String phones(String text) {
    Matcher candidate = PHONE_CANDIDATE.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (candidate.find()) {
      String found = candidate.group();
      if (!isPhone(found)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, candidate.start()).append(PHONE);
      copied = candidate.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** 10–15 digits (E.164 allows 15), or 8+ with an international prefix; never something shaped like a date. */
  private static boolean isPhone(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    boolean international = candidate.startsWith("+") || candidate.startsWith("00");
    if (digits > 15 || digits < (international ? 8 : 10)) {
      return false;
    }
    return !DATE_LIKE.matcher(candidate).find() && !IPV4.matcher(candidate).matches();
  }
}
