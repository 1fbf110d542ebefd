package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ActModelFileTest {

  private static ActModel read(String text) throws IOException {
    return ActModel.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String shipped() throws IOException {
    StringWriter out = new StringWriter();
    ActModelFile.write(ActModel.standard(), List.of("test copy"), out);
    return out.toString();
  }

  @Test
  void theShippedModelIsCompactVersionedAndReadsBackUnchanged() throws IOException {
    byte[] resource;
    try (var in = ActModel.class.getResourceAsStream(ActModel.STANDARD_RESOURCE)) {
      resource = in.readAllBytes();
    }
    assertThat(resource.length).isLessThan(3_000_000);
    assertThat(new String(resource, 0, 17, StandardCharsets.UTF_8)).isEqualTo("carepulse-acts 1\n");
    ActModel copy = read(shipped());
    assertThat(copy.id()).isEqualTo(ActModel.standard().id());
    for (var speaker : io.carepulse.protocol.Speaker.values()) {
      assertThat(copy.weights(speaker)).isEqualTo(ActModel.standard().weights(speaker));
    }
  }

  @Test
  void anotherFormatVersionIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> read(shipped().replaceFirst("carepulse-acts 1", "carepulse-acts 2")))
        .isInstanceOf(IOException.class).hasMessageContaining("version 2 is not supported");
    assertThatThrownBy(() -> read("care-1\n")).isInstanceOf(IOException.class)
        .hasMessageContaining("not a CarePulse act model");
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    String text = shipped();
    assertThatThrownBy(() -> read(text.substring(0, text.length() / 2))).isInstanceOf(IOException.class)
        .hasMessageContaining("act model line");
  }
}
