package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** U+0000 is valid JSON but PostgreSQL cannot store it: every frame carrying one is refused, naming the field. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NulInTextTest {

  private static final FrameReader READER = FrameReader.load();
  private static final SupervisorFrameReader SUPERVISOR = SupervisorFrameReader.load();

  private static ProtocolError refused(JsonObject frame) {
    FrameRead read = READER.read(frame.encode());
    assertThat(read).as(frame.encode()).isInstanceOf(FrameRead.Refused.class);
    return ((FrameRead.Refused) read).error();
  }

  private static JsonObject start() {
    return new JsonObject().put("type", "call.start").put("callId", "c1").put("seq", 1).put("ts", 1_000L)
        .put("customer", new JsonObject().put("id", "cu-1").put("name", "Dana")).put("teamId", "team-a");
  }

  private static JsonObject utterance(String text) {
    return new JsonObject().put("type", "utterance").put("callId", "c1").put("seq", 2).put("ts", 2_000L)
        .put("speaker", "customer").put("text", text).put("final", true);
  }

  @Test
  void anUtteranceWithNul_isInvalid_namingText_withItsCallAndSeq() {
    ProtocolError error = refused(utterance("my order\u0000 never came"));
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(error.message()).isEqualTo("utterance.text must not contain U+0000");
    assertThat(error.callId()).isEqualTo("c1");
    assertThat(error.seq()).isEqualTo(2L);
  }

  @Test
  void nulInTheCustomerName_orDeepInMetadata_orInAKey_isNamed() {
    JsonObject name = start();
    name.getJsonObject("customer").put("name", "Da\u0000na");
    assertThat(refused(name).message()).isEqualTo("call.start.customer.name must not contain U+0000");

    JsonObject meta = start().put("metadata", new JsonObject()
        .put("queue", "billing").put("tags", new JsonArray().add("vip").add(new JsonObject().put("note", "\u0000"))));
    assertThat(refused(meta).message()).isEqualTo("call.start.metadata.tags[1].note must not contain U+0000");

    JsonObject key = start().put("metadata", new JsonObject().put("bad\u0000key", "x"));
    assertThat(refused(key).message()).startsWith("call.start.metadata").endsWith("must not contain U+0000");
  }

  @Test
  void everyFrameTypeIsChecked() {
    JsonObject event = new JsonObject().put("type", "event").put("callId", "c1").put("seq", 3).put("ts", 3_000L)
        .put("kind", "dtmf").put("detail", "1\u00002");
    assertThat(refused(event).message()).isEqualTo("event.detail must not contain U+0000");
    JsonObject end = new JsonObject().put("type", "call.end").put("callId", "c1").put("seq", 4).put("ts", 4_000L)
        .put("reason", "\u0000");
    assertThat(refused(end).message()).isEqualTo("call.end.reason must not contain U+0000");
    JsonObject hello = new JsonObject().put("type", "hello")
        .put("client", new JsonObject().put("name", "soft\u0000phone").put("version", "1"));
    assertThat(refused(hello).message()).isEqualTo("hello.client.name must not contain U+0000");
  }

  @Test
  void theSameTextWithoutNul_isAccepted() {
    assertThat(READER.read(utterance("my order never came").encode())).isInstanceOf(FrameRead.Accepted.class);
    assertThat(READER.read(start().encode())).isInstanceOf(FrameRead.Accepted.class);
  }

  @Test
  void aWhisperWithNul_isRefused() {
    JsonObject whisper = new JsonObject().put("type", "whisper").put("callId", "c1").put("text", "slow\u0000 down");
    SupervisorFrameReader.Read read = SUPERVISOR.read(whisper.encode());
    assertThat(read).isInstanceOf(SupervisorFrameReader.Read.Refused.class);
    assertThat(((SupervisorFrameReader.Read.Refused) read).error().message())
        .isEqualTo("whisper.text must not contain U+0000");
  }
}
