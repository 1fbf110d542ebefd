package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.ClientFrameJson;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shipped HVB samples are what a plugin may send: every line passes the protocol's schemas. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BundledSamplesTest {

  @Test
  void everyBundledLineIsAValidProtocolFrame() throws IOException {
    FrameReader reader = FrameReader.load();
    List<String> files = lines("samples/hvb/index.txt");
    assertThat(files).hasSize(40);
    int frames = 0;
    for (String file : files) {
      List<String> lines = lines("samples/hvb/" + file);
      for (int i = 0; i < lines.size(); i++) {
        FrameRead read = reader.read(lines.get(i));
        assertThat(read).as(file + ":" + (i + 1) + " " + read).isInstanceOf(FrameRead.Accepted.class);
        assertThat(((CallFrame) ((FrameRead.Accepted) read).frame()).seq()).isEqualTo(i + 1);
        frames++;
      }
    }
    assertThat(frames).isGreaterThan(40 * 3);
  }

  @Test
  void convertedFramesReadBackAsTheSameRecords() {
    HvbCall call = HvbSample.parse(new io.vertx.core.json.JsonObject(
        "{\"sid\":\"x1\",\"agentName\":\"Linda\",\"callerName\":\"Sam\",\"tasks\":[\"pay bill\"],\"segments\":["
            + "{\"index\":1,\"speaker\":\"caller\",\"startMs\":10,\"durationMs\":900,\"text\":\"hi\",\"emotion\":[0.2,0.5,0.3]}]}"));
    FrameReader reader = FrameReader.load();
    for (CallFrame frame : new HvbReplay(true).frames(call)) {
      FrameRead read = reader.read(ClientFrameJson.encode(frame).encode());
      assertThat(read).as(read.toString()).isInstanceOf(FrameRead.Accepted.class);
      // compared as JSON: the reader keeps nested metadata as JsonArray where the converter built a List
      CallFrame readBack = (CallFrame) ((FrameRead.Accepted) read).frame();
      assertThat(ClientFrameJson.encode(readBack)).isEqualTo(ClientFrameJson.encode(frame));
    }
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = BundledSamplesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
