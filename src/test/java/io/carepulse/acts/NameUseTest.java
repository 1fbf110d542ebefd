package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NameUseTest {

  @Test
  void anAgentIntroducingThemselvesWithTheCustomersFirstNameIsNotUsingTheirName() {
    assertThat(NameUse.addressesCustomer("Thanks for calling Northwind, this is Dana.", "Dana Whitfield")).isFalse();
    assertThat(NameUse.addressesCustomer("hi my name's dana how can i help", "Dana Whitfield")).isFalse();
    assertThat(NameUse.addressesCustomer("Dana speaking, how can I help?", "Dana Whitfield")).isFalse();
    assertThat(NameUse.addressesCustomer("you're through to dana in billing", "Dana Whitfield")).isFalse();
  }

  @Test
  void anAgentSpeakingToTheCustomerByNameIsUsingIt() {
    assertThat(NameUse.addressesCustomer("Thanks Dana, I'll sort that out now.", "Dana Whitfield")).isTrue();
    assertThat(NameUse.addressesCustomer("this is Sam, am I speaking with Ms Whitfield?", "Dana Whitfield"))
        .isTrue();
    assertThat(NameUse.addressesCustomer("This is Dana. Could I take your postcode, Dana?", "Dana Whitfield"))
        .isTrue();
    assertThat(NameUse.addressesCustomer("am I speaking with Dana?", "Dana Whitfield")).isTrue();
  }

  @Test
  void noNameMeansNoUse() {
    assertThat(NameUse.addressesCustomer("Thanks Dana", null)).isFalse();
    assertThat(NameUse.addressesCustomer("Thanks Dana", " ")).isFalse();
    assertThat(NameUse.addressesCustomer("I see", "A")).isFalse();
  }
}
