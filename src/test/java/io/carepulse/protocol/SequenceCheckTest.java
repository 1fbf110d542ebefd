package io.carepulse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Protocol v1's sequence rules for one call (docs/protocol.md): next applies, at-or-below is a duplicate, above a gap. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SequenceCheckTest {

  @Test
  void aNewCallExpectsSeqOne() {
    SequenceCheck check = new SequenceCheck(0);
    assertThat(check.expected()).isEqualTo(1);
    assertThat(check.check(1)).isEqualTo(SequenceCheck.Verdict.APPLY);
    assertThat(check.check(2)).isEqualTo(SequenceCheck.Verdict.GAP);
    assertThat(check.check(0)).isEqualTo(SequenceCheck.Verdict.DUPLICATE);
  }

  @Test
  void aResentFrameIsADuplicate_theNextAppliesAndAJumpIsAGap() {
    SequenceCheck check = new SequenceCheck(0);
    for (long seq = 1; seq <= 7; seq++) {
      assertThat(check.check(seq)).isEqualTo(SequenceCheck.Verdict.APPLY);
      check.applied(seq);
    }
    assertThat(check.lastApplied()).isEqualTo(7);
    assertThat(check.expected()).isEqualTo(8);
    assertThat(check.check(7)).isEqualTo(SequenceCheck.Verdict.DUPLICATE);
    assertThat(check.check(3)).isEqualTo(SequenceCheck.Verdict.DUPLICATE);
    assertThat(check.check(8)).isEqualTo(SequenceCheck.Verdict.APPLY);
    assertThat(check.check(9)).isEqualTo(SequenceCheck.Verdict.GAP);
  }

  @Test
  void aResumedCallContinuesAfterItsLastAppliedFrame() {
    SequenceCheck check = new SequenceCheck(41);
    assertThat(check.check(41)).isEqualTo(SequenceCheck.Verdict.DUPLICATE);
    assertThat(check.check(42)).isEqualTo(SequenceCheck.Verdict.APPLY);
  }

  @Test
  void applyingAFrameOutOfOrderIsABugAndSaysSo() {
    SequenceCheck check = new SequenceCheck(5);
    assertThatThrownBy(() -> check.applied(7)).isInstanceOf(IllegalStateException.class)
        .hasMessage("applied 7 after 5");
    assertThatThrownBy(() -> check.applied(5)).isInstanceOf(IllegalStateException.class);
    assertThat(check.lastApplied()).isEqualTo(5);
  }

  @Test
  void wireNamesAreTheLowerCaseEnumNames_andReadBack() {
    assertThat(ErrorCode.SEQ_GAP.wire()).isEqualTo("seq_gap");
    assertThat(ErrorCode.STORE_UNAVAILABLE.wire()).isEqualTo("store_unavailable");
    assertThat(PromptFeedback.Action.fromWire("unhelpful")).isEqualTo(PromptFeedback.Action.UNHELPFUL);
    assertThat(PromptFeedback.Action.DISMISSED.wire()).isEqualTo("dismissed");
    assertThat(SoftphoneEvent.Kind.fromWire("hold")).isEqualTo(SoftphoneEvent.Kind.HOLD);
    assertThat(SoftphoneEvent.Kind.CONFERENCE.wire()).isEqualTo("conference");
  }

  @Test
  void framesNameTheirWireType() {
    assertThat(new CallStart("c", 1, 0, null, null, null, null).type()).isEqualTo("call.start");
    assertThat(new CallEnd("c", 2, 0, "resolved").type()).isEqualTo("call.end");
    assertThat(new Utterance("c", 2, 0, Speaker.AGENT, "hi", true, null, null, null).type()).isEqualTo("utterance");
    assertThat(new Acoustic("c", 2, 0, Speaker.AGENT, 500, null, null, null, null).type()).isEqualTo("acoustic");
    assertThat(new EmotionEstimate("c", 2, 0, Speaker.CUSTOMER, 0, 0, null, "x", null).type()).isEqualTo("emotion");
    assertThat(new SoftphoneEvent("c", 2, 0, SoftphoneEvent.Kind.HOLD, null).type()).isEqualTo("event");
    assertThat(new PromptFeedback("c", 2, 0, "p", PromptFeedback.Action.SHOWN).type()).isEqualTo("prompt.feedback");
  }

  @Test
  void aCallStartWithoutOptionalsGetsTheDefaults() {
    CallStart start = new CallStart("c", 1, 0, null, null, null, null);
    assertThat(start.customer()).isEqualTo(CallStart.Customer.UNKNOWN);
    assertThat(start.locale()).isEqualTo("en-US");
    assertThat(start.metadata()).isEmpty();
    assertThat(new Hello(null, null, null).resume()).isEmpty();
    assertThat(ProtocolError.of(ErrorCode.INVALID, "bad").callId()).isNull();
    assertThat(new ProtocolError(ErrorCode.SEQ_GAP, "gap", "c", 5L).expectedSeq()).isNull();
  }
}
