package io.carepulse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedactorTest {

  private final Redactor redactor = Redactor.standard();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // payment cards: Luhn-valid, plain, spaced, dashed, 13 to 19 digits, followed by expiry or security code
      "my card is 4111111111111111 thanks|my card is [card] thanks",
      "it's 4111 1111 1111 1111.|it's [card].",
      "5500-0000-0000-0004 expires 12/27|[card] expires 12/27",
      "amex 3782 822463 10005|amex [card]",
      "card 4111 1111 1111 1111 123|card [card] 123",
      "4222222222222 is old visa|[card] is old visa",
      // national ids: US SSN, UK National Insurance number
      "SSN 123-45-6789 please|SSN [national-id] please",
      "my social is 123 45 6789|my social is [national-id]",
      "NI number AB 12 34 56 C|NI number [national-id]",
      "ni qq123456c wait no, JG103759A|ni qq123456c wait no, [national-id]",
      // emails
      "write to dana.smith+bank@example.co.uk today|write to [email] today",
      "DANA@EXAMPLE.COM|[email]",
      // phone numbers: North American, UK, international
      "call me at (415) 555-0132|call me at [phone]",
      "my number is 415-555-0132.|my number is [phone].",
      "ring 020 7946 0958 or 07700 900123|ring [phone] or [phone]",
      "+44 20 7946 0958 is the office|[phone] is the office",
      "try +1 415 555 0132|try [phone]",
      "0044 20 7946 0958|[phone]",
  })
  void personalDataIsReplaced(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I was charged $1,234.56 twice on 2024-03-15",
      "no digits and no at sign: dana dot smith at example dot com, four one one one",
      "the bill was 1234567.89 pounds",
      "order 4111111111111112 failed",          // 16 digits, not Luhn-valid: an order number, not a card
      "reference 12345678, ticket 987654",
      "on 15/03/2024 at 10:30, and again 03.04.2024",
      "between 9 and 5, 7 days a week, 24/7",
      "it cost 1 500 000 pounds over 12 months",
      "SSN 000-12-3456 is not a real one",        // area 000 is never issued
      "version 2.10.4 of the app",
      "BG 12 34 56 A is not a valid NI prefix",
      "I waited 45 minutes, 3 times, since 2019",
      "account ending 4821",
      "IP 192.168.100.200 was blocked",
      "",
  })
  void ordinaryNumbersAndTextAreKept(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull_andRedactionIsIdempotent() {
    assertThat(redactor.redact(null)).isNull();
    String once = redactor.redact("card 4111 1111 1111 1111, mail a@b.io, call 415-555-0132, SSN 123-45-6789");
    assertThat(once).isEqualTo("card [card], mail [email], call [phone], SSN [national-id]");
    assertThat(redactor.redact(once)).isEqualTo(once);
  }

  @org.junit.jupiter.api.Test
  void luhn() {
    assertThat(Redactor.luhn(new int[] {7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3}, 11)).isTrue();
    assertThat(Redactor.luhn(new int[] {7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4}, 11)).isFalse();
  }
}
