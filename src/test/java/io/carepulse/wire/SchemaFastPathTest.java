package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.tools.simulate.ReplayScript;
import io.carepulse.tools.simulate.ReplayScripts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast path may only ever say "valid" when the full validator agrees; otherwise clients would see frames accepted
 * that the published schemas refuse. Checked over every bundled sample frame and many broken variants of each type.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SchemaFastPathTest {

  private static final FrameReader READER = FrameReader.load();

  private static final List<Object> ODD_VALUES = List.of("", "x".repeat(5000), "agent\n", "call-1\n", "😀".repeat(130),
      "é".repeat(4001), -1, 0, 1, 2, 1.0, 1.5, -0.5, 2.5e300, (long) Math.pow(2, 60), 9007199254740991L,
      9007199254740992L, true, false, new JsonObject(), new JsonArray(), new JsonArray().add(new JsonObject()),
      "hold", "customer", "en-US", "en_US", "dismissed", new JsonObject().put("id", ""), new JsonObject().put("name", 3));

  private static List<JsonObject> validFrames() {
    List<JsonObject> frames = new ArrayList<>();
    for (ReplayScript script : ReplayScripts.bundledSamples()) {
      frames.addAll(script.frames());
    }
    String base = "\"callId\":\"c-1\",\"seq\":2,\"ts\":1700000000000";
    frames.add(new JsonObject("{\"type\":\"hello\",\"token\":\"t\",\"client\":{\"name\":\"p\",\"version\":\"1\"},"
        + "\"resume\":[{\"callId\":\"c-1\",\"lastSeq\":3}]}"));
    frames.add(new JsonObject("{\"type\":\"acoustic\"," + base + ",\"speaker\":\"agent\",\"windowMs\":500,\"rmsDb\":-30,"
        + "\"pitchHz\":120.5,\"voicedRatio\":0.4,\"wordsPerMin\":150}"));
    frames.add(new JsonObject("{\"type\":\"event\"," + base + ",\"kind\":\"hold\",\"detail\":\"x\"}"));
    frames.add(new JsonObject("{\"type\":\"emotion\"," + base + ",\"speaker\":\"customer\",\"valence\":-0.5,"
        + "\"arousal\":0.7,\"label\":\"angry\",\"source\":\"engine\",\"confidence\":0.9}"));
    frames.add(new JsonObject("{\"type\":\"prompt.feedback\"," + base + ",\"promptId\":\"p-1\",\"action\":\"helpful\"}"));
    frames.add(new JsonObject("{\"type\":\"call.end\"," + base + ",\"reason\":\"done\"}"));
    return frames;
  }

  @Test
  void acceptsTheFramesClientsReallySend() {
    for (JsonObject frame : validFrames()) {
      String type = frame.getString("type");
      assertThat(READER.schemaValid(type, frame)).as(frame.encode()).isTrue();
      assertThat(READER.fastPathValid(type, frame)).as("fast path should take " + frame.encode()).isTrue();
    }
  }

  @Test
  void neverCallsValidWhatTheSchemaRefuses() {
    int checked = 0;
    for (JsonObject valid : validFrames()) {
      String type = valid.getString("type");
      List<JsonObject> variants = new ArrayList<>();
      for (String field : valid.fieldNames()) {
        JsonObject without = valid.copy();
        without.remove(field);
        variants.add(without);
        for (Object odd : ODD_VALUES) {
          variants.add(valid.copy().put(field, odd));
          variants.add(valid.copy().putNull(field));
        }
      }
      for (String nested : List.of("customer", "client", "metadata", "resume")) {
        for (Object odd : ODD_VALUES) {
          variants.add(valid.copy().put(nested, new JsonObject().put("id", odd).put("name", odd).put("version", odd)));
          variants.add(valid.copy().put(nested, new JsonArray().add(new JsonObject().put("callId", odd).put("lastSeq", odd))));
        }
      }
      for (JsonObject variant : variants) {
        if (READER.fastPathValid(type, variant)) {
          assertThat(READER.schemaValid(type, variant)).as("fast path accepted " + variant.encode()).isTrue();
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }
}
