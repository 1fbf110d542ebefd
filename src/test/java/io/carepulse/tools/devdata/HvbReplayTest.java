package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.wire.ClientFrameJson;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HvbReplayTest {

  /** Synthetic, in the corpus's format: the caller channel is offset, so index 3 starts before index 2. */
  private static final String CALL = """
      {"sid":"abc123","session":"Little Harper Valley 1","agentName":"Linda","callerName":"Sam Jones",
       "tasks":["replace card"],"callerSurvey":{"partner_rating":"3","ease_of_connection":"9"},"agentSurvey":{},
       "labels":{},"segments":[
        {"index":1,"speaker":"agent","startMs":1000,"durationMs":2000,"text":"hello how can i help","asr":"","emotion":[0.1,0.3,0.6]},
        {"index":2,"speaker":"caller","startMs":6000,"durationMs":1500,"text":"i lost my card [noise]","asr":"","emotion":[0.6,0.3,0.1]},
        {"index":3,"speaker":"caller","startMs":4000,"durationMs":500,"text":"[noise]","asr":"","emotion":[0,1,0]},
        {"index":4,"speaker":"caller","startMs":3500,"durationMs":400,"text":"hi","asr":"","emotion":[0.2,0.5,0.3]},
        {"index":5,"speaker":"agent","startMs":8000,"durationMs":3000,"text":"","asr":"","emotion":[0.1,0.8,0.1]},
        {"index":6,"speaker":"agent","startMs":9000,"durationMs":2500,"text":"i'll send you a new one <unk>","asr":"","emotion":[0.1,0.3,0.6]}
       ]}""".replace("\n", "");

  private final HvbCall call = HvbSample.parse(new JsonObject(CALL));

  @Test
  void readsTheCallersRatingFromItsStringSurvey() {
    assertThat(call.callerRating()).hasValue(3);
    assertThat(HvbSample.parse(new JsonObject(CALL.replace("{\"partner_rating\":\"3\",\"ease_of_connection\":\"9\"}",
        "null"))).callerRating()).isEmpty();
  }

  @Test
  void callStartNamesTheCustomerAndCarriesTheAgentPersona() {
    CallStart start = (CallStart) new HvbReplay(false).frames(call).get(0);
    assertThat(start.callId()).isEqualTo("hvb-abc123");
    assertThat(start.seq()).isEqualTo(1);
    assertThat(start.ts()).isEqualTo(HvbReplay.EPOCH_BASE_MS);
    assertThat(start.customer().name()).isEqualTo("Sam Jones");
    assertThat(start.teamId()).isEqualTo("hvb");
    assertThat(start.metadata()).containsEntry("agentPersona", "Linda");
  }

  @Test
  void utterancesFollowTimeNotIndexAndSkipSegmentsWithoutWords() {
    List<CallFrame> frames = new HvbReplay(false).frames(call);
    List<Utterance> utterances = frames.stream().filter(Utterance.class::isInstance).map(Utterance.class::cast).toList();
    assertThat(utterances).extracting(Utterance::utteranceId)
        .containsExactly("abc123-1", "abc123-4", "abc123-2", "abc123-6");
    assertThat(utterances).extracting(Utterance::speaker)
        .containsExactly(Speaker.AGENT, Speaker.CUSTOMER, Speaker.CUSTOMER, Speaker.AGENT);
    assertThat(utterances).extracting(Utterance::text)
        .containsExactly("hello how can i help", "hi", "i lost my card", "i'll send you a new one");
    assertThat(utterances).allMatch(Utterance::isFinal);
    Utterance lost = utterances.get(2);
    assertThat(lost.startMs()).isEqualTo(6000);
    assertThat(lost.endMs()).isEqualTo(7500);
    assertThat(lost.ts()).isEqualTo(HvbReplay.EPOCH_BASE_MS + 6000);
  }

  @Test
  void seqCountsFromOneWithoutHolesAndTimeNeverGoesBack() {
    List<CallFrame> frames = new HvbReplay(true).frames(call);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).seq()).isEqualTo(i + 1);
      assertThat(frames.get(i).callId()).isEqualTo("hvb-abc123");
      if (i > 0) {
        assertThat(frames.get(i).ts()).isGreaterThanOrEqualTo(frames.get(i - 1).ts());
      }
    }
    CallFrame last = frames.get(frames.size() - 1);
    assertThat(last).isInstanceOf(CallEnd.class);
    // the call ends when the last segment ends, even one without words (index 5 ends at 11 000 ms)
    assertThat(last.ts()).isEqualTo(HvbReplay.EPOCH_BASE_MS + 11_500);
  }

  @Test
  void emotionFramesFollowCustomerUtterancesOnly() {
    List<CallFrame> frames = new HvbReplay(true).frames(call);
    List<EmotionEstimate> emotions = frames.stream().filter(EmotionEstimate.class::isInstance)
        .map(EmotionEstimate.class::cast).toList();
    assertThat(emotions).hasSize(2);
    int lostIndex = frames.indexOf(frames.stream()
        .filter(f -> f instanceof Utterance u && "abc123-2".equals(u.utteranceId())).findFirst().orElseThrow());
    EmotionEstimate lost = (EmotionEstimate) frames.get(lostIndex + 1);
    assertThat(lost.speaker()).isEqualTo(Speaker.CUSTOMER);
    assertThat(lost.valence()).isEqualTo(-0.5);
    assertThat(lost.arousal()).isEqualTo(0.7);
    assertThat(lost.label()).isEqualTo("negative");
    assertThat(lost.confidence()).isEqualTo(0.6);
    assertThat(lost.source()).isEqualTo("gridspace");
    assertThat(new HvbReplay(false).frames(call)).noneMatch(EmotionEstimate.class::isInstance);
  }

  @Test
  void replayLinesAreProtocolJsonAndAlwaysTheSameBytes() {
    List<String> first = new HvbReplay(true).frames(call).stream().map(f -> ClientFrameJson.encode(f).encode()).toList();
    List<String> second = new HvbReplay(true).frames(call).stream().map(f -> ClientFrameJson.encode(f).encode()).toList();
    assertThat(first).isEqualTo(second);
    assertThat(first.get(1)).isEqualTo("{\"type\":\"utterance\",\"callId\":\"hvb-abc123\",\"seq\":2,\"ts\":1767225601000,"
        + "\"speaker\":\"agent\",\"text\":\"hello how can i help\",\"final\":true,\"startMs\":1000,\"endMs\":3000,"
        + "\"utteranceId\":\"abc123-1\"}");
    JsonObject start = new JsonObject(first.get(0));
    assertThat(start.getJsonObject("customer").getString("name")).isEqualTo("Sam Jones");
    assertThat(start.getJsonObject("metadata").fieldNames()).containsExactly("agentPersona", "session", "sid",
        "source", "tasks");
    assertThat(new JsonObject(first.get(first.size() - 1)).getString("type")).isEqualTo("call.end");
  }

  @Test
  void transcriberTagsAreNotWords() {
    assertThat(TranscriptText.spokenWords("[noise]")).isEmpty();
    assertThat(TranscriptText.spokenWords(" [laughter] <unk> ")).isEmpty();
    assertThat(TranscriptText.spokenWords("yes [noise] please")).isEqualTo("yes please");
    assertThat(TranscriptText.spokenWords(null)).isEmpty();
  }
}
