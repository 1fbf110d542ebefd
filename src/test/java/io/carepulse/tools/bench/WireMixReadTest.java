package io.carepulse.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.netty.buffer.ByteBuf;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every frame of the bench suite's mix reads to the same record from its text (fast reads) as from its tree. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireMixReadTest {

  @Test
  void theMixReadsTheSameWhicheverWay() {
    FrameReader reader = FrameReader.load();
    FrameMix mix = FrameMix.bundled();
    for (int c = 0; c < 5; c++) {
      FrameMix.Script script = mix.script(c, "bench-" + c);
      for (int s = 1; s <= 300; s++) {
        ByteBuf bytes = script.frameBytes(s, 1_767_225_600_000L + s * 200L, s * 200L);
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.release();
        FrameRead fromText = reader.read(text);
        FrameRead fromTree = reader.read(new JsonObject(text));
        assertThat(fromText).as(text).isInstanceOf(FrameRead.Accepted.class);
        assertThat(((FrameRead.Accepted) fromText).frame()).as(text)
            .isEqualTo(((FrameRead.Accepted) fromTree).frame());
      }
    }
  }
}
