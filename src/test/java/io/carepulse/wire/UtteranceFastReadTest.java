package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streaming read of transcript frames never disagrees with the ordinary read: whatever it accepts, the JsonObject
 * tree and the schema accept as the same record; anything it is not sure of it leaves to them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UtteranceFastReadTest {

  private static final FrameReader READER = FrameReader.load();

  private static final String PLAIN = "{\"type\":\"utterance\",\"callId\":\"c-1\",\"seq\":7,\"ts\":1767225600000,"
      + "\"speaker\":\"customer\",\"text\":\"I've been on hold for forty minutes.\",\"final\":true,\"startMs\":1200,"
      + "\"endMs\":3400,\"utteranceId\":\"u-3\"}";

  /** What people say, as a transcriber writes it: punctuation, quotes, accents, other scripts, emoji. */
  private static final String[] WORDS = {"I", "can't", "\"really\"", "café", "naïve", "Straße", "日本", "привет",
      "🙂", "50%", "$12.40", "a\\b", "tab\there", "line\nbreak", "ok,", "well…", "—", "right?", "<b>", "&amp;"};

  private static boolean agrees(String text) {
    return FastReadVariants.agrees(text, UtteranceFastRead::read);
  }

  @Test
  void ordinaryTranscriptFrames_areReadFast_andAsTheTreeReadsThem() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder said = new StringBuilder();
      for (int w = random.nextInt(40); w >= 0; w--) {
        said.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      // Encoded as a client's JSON library would: type first, the text escaped where JSON needs it.
      JsonObject frame = new JsonObject().put("type", "utterance").put("callId", "call-" + i)
          .put("seq", 1 + random.nextInt(100_000)).put("ts", 1_767_225_600_000L + random.nextInt(1_000_000))
          .put("speaker", random.nextBoolean() ? "agent" : "customer").put("text", said.toString().trim())
          .put("final", random.nextBoolean());
      if (random.nextBoolean()) {
        long start = random.nextInt(600_000);
        frame.put("startMs", start).put("endMs", start + random.nextInt(20_000)).put("utteranceId", "u-" + i);
      }
      String text = frame.encode();
      assertThat(agrees(text)).as("read fast: %s", text).isTrue();
    }
    assertThat(READER.read(PLAIN)).isInstanceOf(FrameRead.Accepted.class);
    assertThat(agrees(PLAIN)).isTrue();
  }

  @Test
  void unusualFrames_areLeftToTheTree_orReadAlike() {
    String[] values = {"0", "1", "-1", "1.0", "0.0", "-0.0", "9007199254740991", "9007199254740992",
        "99999999999999999999", "1e2", "\"5\"", "null", "true", "false", "[]", "{}", "\"agent\"", "\"customer\"",
        "\"AGENT\"", "\"c\\u0041\"", "\"c\\u0000\"", "\"\\u0000\"", "\"\"", "\"a b\"", "\"\\ud83d\\ude42\"",
        "\"\\ud83d\"", "\"" + "x".repeat(128) + "\"", "\"" + "x".repeat(129) + "\"",
        "\"" + "x".repeat(4_000) + "\"", "\"" + "x".repeat(4_001) + "\"", "\"" + "🙂".repeat(2_000) + "\"",
        "\"" + "🙂".repeat(2_001) + "\"", "\"" + "🙂".repeat(64) + "\"", "\"" + "🙂".repeat(65) + "\"", "NaN", "01",
        "-", "tru"};
    String[] fields = {"callId", "seq", "ts", "speaker", "text", "final", "startMs", "endMs", "utteranceId", "type",
        "extra"};
    List<String> variants = FastReadVariants.edits(PLAIN, fields, values);
    variants.add(PLAIN.replace("{\"type\":\"utterance\",", "{\"type\":\"utterance\" ,"));
    variants.add(PLAIN.replace("\"text\":\"I've", "\"text\":\"I've\",\"text\":\"I"));
    variants.add(PLAIN.replace(",\"startMs\":1200,\"endMs\":3400,\"utteranceId\":\"u-3\"", ""));
    variants.add(PLAIN.replace(",\"final\":true", ""));
    variants.add(PLAIN.replace("\"text\":\"I've been", "\"text\":\"I\\u2019ve been"));
    variants.addAll(FastReadVariants.fuzzed(PLAIN, 15, 3_000));
    int taken = 0;
    for (String variant : variants) {
      taken += agrees(variant) ? 1 : 0;
    }
    assertThat(taken).as("some variants are ordinary enough to be read fast").isGreaterThan(50);
  }
}
