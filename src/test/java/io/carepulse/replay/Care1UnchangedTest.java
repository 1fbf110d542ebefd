package io.carepulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CoreConfig;
import io.carepulse.wire.FrameReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model care-1 stays selectable and scores bit for bit as it shipped: every scenario call and five HVB samples,
 * replayed with {@code --model care-1}, give exactly the output the care-1 release gave (recorded in
 * src/test/resources/care-1-golden by that release's replay --acks).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Care1UnchangedTest {

  static Stream<String> recordings() throws IOException {
    try (InputStream in = Care1UnchangedTest.class.getResourceAsStream("/care-1-golden/index.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void care1ReplaysExactlyAsItShipped(String name) throws IOException {
    String input = resource(name.startsWith("hvb-") ? "/samples/hvb/" + name.substring(4) : "/scenarios/" + name);
    StringWriter out = new StringWriter();
    new Replay(CoreConfig.forModel("care-1"), FrameReader.load(), true)
        .run(new BufferedReader(new StringReader(input)), new PrintWriter(out), bad -> { });
    assertThat(out.toString()).isEqualTo(resource("/care-1-golden/" + name));
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = Care1UnchangedTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
