package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.Frame;
import io.carepulse.protocol.Hello;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameReaderTest {

  private static final FrameReader READER = FrameReader.load();

  private static Frame accepted(String text) {
    FrameRead read = READER.read(text);
    assertThat(read).as(text).isInstanceOf(FrameRead.Accepted.class);
    return ((FrameRead.Accepted) read).frame();
  }

  private static ProtocolError refused(String text) {
    FrameRead read = READER.read(text);
    assertThat(read).as(text).isInstanceOf(FrameRead.Refused.class);
    return ((FrameRead.Refused) read).error();
  }

  private static String frame(String type, String fields) {
    return "{\"type\":\"" + type + "\",\"callId\":\"call-1\",\"seq\":2,\"ts\":1700000000000" + fields + "}";
  }

  @Test
  void helloWithTokenClientAndResume() {
    Hello hello = (Hello) accepted("{\"type\":\"hello\",\"token\":\"abc\",\"client\":{\"name\":\"plugin\",\"version\":\"1.2\"},"
        + "\"resume\":[{\"callId\":\"call-1\",\"lastSeq\":7}]}");
    assertThat(hello.token()).isEqualTo("abc");
    assertThat(hello.client()).isEqualTo(new Hello.ClientInfo("plugin", "1.2"));
    assertThat(hello.resume()).containsExactly(new Hello.ResumeRequest("call-1", 7));
  }

  @Test
  void bareHello() {
    Hello hello = (Hello) accepted("{\"type\":\"hello\"}");
    assertThat(hello.token()).isNull();
    assertThat(hello.resume()).isEmpty();
  }

  @Test
  void callStartWithDefaults() {
    CallStart start = (CallStart) accepted("{\"type\":\"call.start\",\"callId\":\"c:1\",\"seq\":1,\"ts\":5}");
    assertThat(start.locale()).isEqualTo("en-US");
    assertThat(start.customer()).isEqualTo(CallStart.Customer.UNKNOWN);
    assertThat(start.metadata()).isEmpty();
  }

  @Test
  void callStartWithEverything() {
    CallStart start = (CallStart) accepted("{\"type\":\"call.start\",\"callId\":\"c.1\",\"seq\":1,\"ts\":5,"
        + "\"customer\":{\"id\":\"cu-9\",\"name\":\"Dana\"},\"teamId\":\"team-a\",\"locale\":\"de-DE\","
        + "\"metadata\":{\"queue\":\"billing\",\"nothing\":null}}");
    assertThat(start.customer()).isEqualTo(new CallStart.Customer("cu-9", "Dana"));
    assertThat(start.teamId()).isEqualTo("team-a");
    assertThat(start.locale()).isEqualTo("de-DE");
    assertThat(start.metadata()).containsEntry("queue", "billing").doesNotContainKey("nothing");
  }

  @Test
  void utterance() {
    Utterance u = (Utterance) accepted(frame("utterance",
        ",\"speaker\":\"customer\",\"text\":\"I have been waiting for an hour\",\"final\":true,\"startMs\":100,\"endMs\":900,\"utteranceId\":\"u-1\""));
    assertThat(u).isEqualTo(new Utterance("call-1", 2, 1700000000000L, Speaker.CUSTOMER,
        "I have been waiting for an hour", true, 100L, 900L, "u-1"));
  }

  @Test
  void acoustic() {
    Acoustic a = (Acoustic) accepted(frame("acoustic", ",\"speaker\":\"agent\",\"windowMs\":500,\"rmsDb\":-30.5,\"voicedRatio\":0.4"));
    assertThat(a.speaker()).isEqualTo(Speaker.AGENT);
    assertThat(a.windowMs()).isEqualTo(500);
    assertThat(a.rmsDb()).isEqualTo(-30.5);
    assertThat(a.pitchHz()).isNull();
    assertThat(a.voicedRatio()).isEqualTo(0.4);
  }

  @Test
  void softphoneEvent() {
    SoftphoneEvent e = (SoftphoneEvent) accepted(frame("event", ",\"kind\":\"hold\",\"detail\":\"parked\""));
    assertThat(e.kind()).isEqualTo(SoftphoneEvent.Kind.HOLD);
    assertThat(e.detail()).isEqualTo("parked");
  }

  @Test
  void emotionWithOptionalConfidence() {
    EmotionEstimate e = (EmotionEstimate) accepted(frame("emotion",
        ",\"speaker\":\"customer\",\"valence\":-0.6,\"arousal\":0.8,\"label\":\"angry\",\"source\":\"hume\",\"confidence\":0.7"));
    assertThat(e.valence()).isEqualTo(-0.6);
    assertThat(e.confidence()).isEqualTo(0.7);
    EmotionEstimate plain = (EmotionEstimate) accepted(frame("emotion",
        ",\"speaker\":\"customer\",\"valence\":1,\"arousal\":0,\"source\":\"x\""));
    assertThat(plain.confidence()).isNull();
  }

  @Test
  void promptFeedback() {
    PromptFeedback f = (PromptFeedback) accepted(frame("prompt.feedback", ",\"promptId\":\"p-1\",\"action\":\"helpful\""));
    assertThat(f.action()).isEqualTo(PromptFeedback.Action.HELPFUL);
  }

  @Test
  void callEnd() {
    CallEnd end = (CallEnd) accepted(frame("call.end", ",\"reason\":\"resolved\""));
    assertThat(end.reason()).isEqualTo("resolved");
    assertThat(((CallEnd) accepted(frame("call.end", ""))).reason()).isNull();
  }

  @Test
  void unknownFieldsAreAllowedSoNewerClientsKeepWorking() {
    accepted(frame("call.end", ",\"reason\":\"resolved\",\"x-plugin\":{\"any\":[1,2]}"));
    accepted("{\"type\":\"hello\",\"capabilities\":[\"whisper\"]}");
  }

  @Test
  void integralFloatsCountAsIntegers() {
    assertThat(((CallEnd) accepted("{\"type\":\"call.end\",\"callId\":\"c\",\"seq\":3.0,\"ts\":5}")).seq()).isEqualTo(3);
  }

  @Test
  void notJsonIsBadJson() {
    assertThat(refused("{oops").code()).isEqualTo(ErrorCode.BAD_JSON);
    assertThat(refused("").code()).isEqualTo(ErrorCode.BAD_JSON);
    assertThat(refused("{} trailing").code()).isEqualTo(ErrorCode.BAD_JSON);
  }

  @Test
  void jsonThatIsNotAnObjectIsBadJson() {
    for (String text : List.of("[1,2]", "42", "\"hello\"", "null", "true")) {
      assertThat(refused(text).code()).as(text).isEqualTo(ErrorCode.BAD_JSON);
    }
  }

  @Test
  void missingOrUnknownTypeIsInvalid() {
    ProtocolError missing = refused("{\"callId\":\"c\",\"seq\":4}");
    assertThat(missing.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(missing.message()).isEqualTo("type is required");
    assertThat(missing.callId()).isEqualTo("c");
    assertThat(missing.seq()).isEqualTo(4);
    ProtocolError unknown = refused(frame("call.pause", ""));
    assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(unknown.message()).startsWith("type must be one of hello, call.start, utterance");
    assertThat(refused("{\"type\":7}").message()).startsWith("type must be one of");
  }

  @Test
  void enumMessageNamesTheFieldAndTheChoices() {
    ProtocolError error = refused(frame("utterance", ",\"speaker\":\"bot\",\"text\":\"hi\",\"final\":true"));
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(error.message()).isEqualTo("utterance.speaker must be one of agent, customer");
    assertThat(error.callId()).isEqualTo("call-1");
    assertThat(error.seq()).isEqualTo(2);
  }

  @Test
  void missingRequiredFieldIsNamed() {
    assertThat(refused(frame("utterance", ",\"speaker\":\"agent\",\"final\":true")).message())
        .isEqualTo("utterance.text is required");
    assertThat(refused("{\"type\":\"call.end\",\"callId\":\"c\",\"ts\":1}").message()).isEqualTo("call.end.seq is required");
  }

  @Test
  void wrongTypesAndRangesAreNamed() {
    assertThat(refused(frame("utterance", ",\"speaker\":\"agent\",\"text\":\"hi\",\"final\":\"yes\"")).message())
        .isEqualTo("utterance.final must be a boolean");
    assertThat(refused("{\"type\":\"call.end\",\"callId\":\"c\",\"seq\":0,\"ts\":1}").message())
        .isEqualTo("call.end.seq must be at least 1");
    assertThat(refused("{\"type\":\"call.end\",\"callId\":\"c\",\"seq\":1.5,\"ts\":1}").message())
        .isEqualTo("call.end.seq must be an integer");
    assertThat(refused(frame("emotion", ",\"speaker\":\"customer\",\"valence\":-2,\"arousal\":0.5,\"source\":\"x\"")).message())
        .isEqualTo("emotion.valence must be at least -1");
    assertThat(refused(frame("emotion", ",\"speaker\":\"customer\",\"valence\":0,\"arousal\":0.5,\"source\":\"x\",\"confidence\":1.5")).message())
        .isEqualTo("emotion.confidence must be at most 1");
  }

  @Test
  void agentEmotionIsRefusedBecauseOnlyTheCustomerMayBeInferred() {
    assertThat(refused(frame("emotion", ",\"speaker\":\"agent\",\"valence\":0,\"arousal\":0.5,\"source\":\"x\"")).message())
        .isEqualTo("emotion.speaker must be one of customer");
  }

  @Test
  void malformedCallIdIsInvalidAndNotEchoed() {
    ProtocolError error = refused("{\"type\":\"call.end\",\"callId\":\"has space\",\"seq\":2,\"ts\":1}");
    assertThat(error.message()).startsWith("call.end.callId must match");
    assertThat(error.callId()).isNull();
    assertThat(refused("{\"type\":\"call.end\",\"callId\":\"" + "x".repeat(129) + "\",\"seq\":2,\"ts\":1}").message())
        .startsWith("call.end.callId must match");
    assertThat(refused("{\"type\":\"call.end\",\"callId\":\"\",\"seq\":2,\"ts\":1}").code()).isEqualTo(ErrorCode.INVALID);
  }

  @Test
  void callStartMustBeSeqOne() {
    ProtocolError error = refused("{\"type\":\"call.start\",\"callId\":\"c\",\"seq\":2,\"ts\":1}");
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(error.message()).isEqualTo("call.start.seq must be 1");
  }

  @Test
  void oversizedTextIsInvalid() {
    String text = "a".repeat(4001);
    assertThat(refused(frame("utterance", ",\"speaker\":\"agent\",\"text\":\"" + text + "\",\"final\":true")).message())
        .isEqualTo("utterance.text must have at most 4000 characters");
  }

  @Test
  void nestedFieldsAreNamedWithTheirPath() {
    assertThat(refused("{\"type\":\"hello\",\"resume\":[{\"callId\":\"c\",\"lastSeq\":-1}]}").message())
        .isEqualTo("hello.resume[0].lastSeq must be at least 0");
    assertThat(refused("{\"type\":\"hello\",\"resume\":[{\"callId\":\"c\"}]}").message())
        .isEqualTo("hello.resume[0].lastSeq is required");
    assertThat(refused("{\"type\":\"call.start\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"customer\":{\"name\":5}}").message())
        .isEqualTo("call.start.customer.name must be a string");
  }

  @Test
  void readsAJsonObjectDirectly() {
    assertThat(READER.read(new JsonObject().put("type", "hello"))).isInstanceOf(FrameRead.Accepted.class);
  }

  @Test
  void errorEncodesAsAnErrorFrame() {
    JsonObject json = ServerMessages.error(refused(frame("event", ",\"kind\":\"nap\"")));
    assertThat(json.getString("type")).isEqualTo("error");
    assertThat(json.getString("code")).isEqualTo("invalid");
    assertThat(json.getString("message")).isEqualTo("event.kind must be one of hold, unhold, mute, unmute, transfer, conference, dtmf");
    assertThat(json.getString("callId")).isEqualTo("call-1");
    assertThat(json.getLong("seq")).isEqualTo(2);
    assertThat(json.containsKey("expectedSeq")).isFalse();
  }
}
