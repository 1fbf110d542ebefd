package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the journal stores for a frame, written field by field (issue 14), is byte for byte what the JsonObject tree
 * wrote: stored calls replay, export and recover the same whichever wrote them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientFrameJsonTest {

  private static final Redactor REDACTOR = Redactor.standard();

  /** The tree path the journal took before: encode, redact text and detail, then Jackson's codec. */
  private static String throughTheTree(CallFrame frame) {
    JsonObject json = ClientFrameJson.encode(frame);
    for (String field : List.of("text", "detail")) {
      if (json.getValue(field) instanceof String text) {
        json.put(field, REDACTOR.redact(text));
      }
    }
    return new JacksonCodec().toString(json, false);
  }

  private static List<CallFrame> sampleCalls() throws IOException {
    FrameReader reader = FrameReader.load();
    List<CallFrame> frames = new ArrayList<>();
    for (String sample : List.of("caring", "checked-hold", "turnaround")) {
      try (InputStream in = ClientFrameJsonTest.class.getResourceAsStream("/samples/demo/" + sample + ".jsonl")) {
        if (in == null) {
          continue;
        }
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank() && reader.read(line) instanceof FrameRead.Accepted accepted
              && accepted.frame() instanceof CallFrame frame) {
            frames.add(frame);
          }
        }
      }
    }
    return frames;
  }

  @Test
  void everyFrameOfTheDemoCalls_isStoredAsTheTreeStoredIt() throws IOException {
    List<CallFrame> frames = sampleCalls();
    assertThat(frames).hasSizeGreaterThan(30);
    assertThat(frames.stream().map(CallFrame::type).distinct()).contains("call.start", "utterance", "call.end");
    for (CallFrame frame : frames) {
      assertThat(ClientFrameJson.storedText(frame, REDACTOR::redact)).as(frame.toString())
          .isEqualTo(throughTheTree(frame));
    }
  }

  @Test
  void optionalFieldsQuotesUnicodeAndPersonalData_alsoMatch() {
    List<CallFrame> frames = List.of(
        new Utterance("c\"1", 2, 1_700_000_000_123L, Speaker.CUSTOMER,
            "mail me at dana@example.com, card 4111 1111 1111 1111 — “quoted” \\ tab\t 😊", true, 10L, 2_500L, "u-2"),
        new Utterance("c1", 3, 5, Speaker.AGENT, "partial", false, null, null, null),
        new EmotionEstimate("c1", 4, 6, Speaker.CUSTOMER, -0.62, 0.7, "angry", "vendor-x", 0.93),
        new EmotionEstimate("c1", 5, 7, Speaker.CUSTOMER, 0.0, 1e-7, null, "vendor-x", null),
        new Acoustic("c1", 6, 8, Speaker.AGENT, 2_000, -21.125, 180.5, 0.36, 146.0),
        new Acoustic("c1", 7, 9, Speaker.CUSTOMER, 500, null, null, null, null),
        new SoftphoneEvent("c1", 8, 10, SoftphoneEvent.Kind.DTMF, "4111111111111111"),
        new SoftphoneEvent("c1", 9, 11, SoftphoneEvent.Kind.HOLD, null),
        new PromptFeedback("c1", 10, 12, "p-1", PromptFeedback.Action.HELPFUL),
        new CallEnd("c1", 11, 13, "resolved"),
        new CallEnd("c1", 12, 14, null));
    for (CallFrame frame : frames) {
      assertThat(ClientFrameJson.storedText(frame, REDACTOR::redact)).as(frame.toString())
          .isEqualTo(throughTheTree(frame));
    }
    assertThat(ClientFrameJson.storedText(frames.get(0), REDACTOR::redact)).as("redacted before it is stored")
        .doesNotContain("dana@example.com").contains(Redactor.EMAIL);
  }
}
