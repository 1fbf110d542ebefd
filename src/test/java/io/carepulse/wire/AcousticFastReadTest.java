package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streaming read of acoustic frames never disagrees with the ordinary read: whatever it accepts, the JsonObject
 * tree and the schema accept as the same record; anything it is not sure of it leaves to them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AcousticFastReadTest {

  private static final FrameReader READER = FrameReader.load();

  private static final String PLAIN = "{\"type\":\"acoustic\",\"callId\":\"c-1\",\"seq\":7,\"ts\":1767225600000,"
      + "\"speaker\":\"agent\",\"windowMs\":250,\"rmsDb\":-32.5,\"pitchHz\":180,\"voicedRatio\":0.36,\"wordsPerMin\":146}";

  private static boolean agrees(String text) {
    return FastReadVariants.agrees(text, AcousticFastRead::read);
  }

  @Test
  void ordinaryAcousticFrames_areReadFast_andAsTheTreeReadsThem() {
    // What a plugin sends 4 times a second per speaker: the shape of the bench mix (tools.bench.WireMixReadTest
    // checks the mix itself through the public reader), with values drawn across their ranges.
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 2_000; i++) {
      String text = "{\"type\":\"acoustic\",\"callId\":\"call-" + i + "\",\"seq\":" + (1 + random.nextInt(100_000))
          + ",\"ts\":" + (1_767_225_600_000L + random.nextInt(1_000_000)) + ",\"speaker\":\""
          + (random.nextBoolean() ? "agent" : "customer") + "\",\"windowMs\":" + (1 + random.nextInt(5_000))
          + ",\"rmsDb\":" + Math.round((random.nextDouble() * 398 - 199) * 10) / 10.0
          + ",\"pitchHz\":" + Math.round(random.nextDouble() * 19_990 + 1) + ",\"voicedRatio\":"
          + Math.round(random.nextDouble() * 98 + 1) / 100.0 + ",\"wordsPerMin\":" + (1 + random.nextInt(1_990)) + "}";
      assertThat(agrees(text)).as("read fast: %s", text).isTrue();
    }
    assertThat(READER.read(PLAIN)).isInstanceOf(FrameRead.Accepted.class);
    assertThat(agrees(PLAIN)).isTrue();
  }

  @Test
  void unusualFrames_areLeftToTheTree_orReadAlike() {
    String[] values = {"0", "1", "-1", "1.0", "0.0", "-0.0", "200", "200.0", "-200", "200.00000000000001",
        "1.00000000000000001", "0.9999999999999999", "20000", "2000", "1e2", "1E-7", "600000", "600001", "5.0",
        "9007199254740991", "9007199254740992", "99999999999999999999", "\"5\"", "null", "true", "[]", "{}",
        "\"agent\"", "\"customer\"", "\"AGENT\"", "\"c\\u0041\"", "\"c\\u0000\"", "\"\"", "\"a b\"",
        "\"" + "x".repeat(128) + "\"", "\"" + "x".repeat(129) + "\"", "NaN", "01", "-", "1.5e400"};
    String[] fields = {"callId", "seq", "ts", "speaker", "windowMs", "rmsDb", "pitchHz", "voicedRatio", "wordsPerMin",
        "type", "extra"};
    List<String> variants = FastReadVariants.edits(PLAIN, fields, values);
    variants.add(PLAIN.replace("{\"type\":\"acoustic\",", "{\"type\":\"acoustic\" ,"));
    variants.add(PLAIN.replace("\"type\":\"acoustic\"", "\"type\":\"acoustic\\u0000\""));
    variants.add(PLAIN.replace("\"callId\":\"c-1\"", "\"callId\":\"c-1\",\"callId\":\"c-2\""));
    variants.add(PLAIN.replace(",\"rmsDb\":-32.5,\"pitchHz\":180,\"voicedRatio\":0.36,\"wordsPerMin\":146", ""));
    variants.add(PLAIN.replace(",\"windowMs\":250", ""));
    variants.addAll(FastReadVariants.fuzzed(PLAIN, 14, 3_000));
    int taken = 0;
    for (String variant : variants) {
      taken += agrees(variant) ? 1 : 0;
    }
    assertThat(taken).as("some variants are ordinary enough to be read fast").isGreaterThan(50);
  }
}
