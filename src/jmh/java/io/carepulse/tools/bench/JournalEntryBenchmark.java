package io.carepulse.tools.bench;

import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.ClientFrameJson;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.netty.buffer.ByteBuf;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the journal does for every applied frame besides queueing it: the frame as stored text, its free text
 * redacted. {@code text} is the journal now ({@link ClientFrameJson#storedText}, field by field); {@code tree} is how
 * it did it before issue 14's second step (a JsonObject tree per frame, redacted in place, then encoded). The frames
 * are the bench suite's own mix. Run with {@code -prof gc} for bytes per frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class JournalEntryBenchmark {

  @State(Scope.Thread)
  public static class Frames {
    @Param({"text", "tree"})
    public String path;

    CallFrame[] frames;
    int next;
    final Redactor redactor = Redactor.standard();
    final UnaryOperator<String> redact = redactor::redact;
    final JacksonCodec codec = new JacksonCodec();

    @Setup
    public void setUp() {
      FrameReader reader = FrameReader.load();
      FrameMix.Script script = FrameMix.bundled().script(0, "bench-0");
      frames = new CallFrame[WirePathBenchmark.FRAMES_PER_CALL];
      for (int s = 0; s < frames.length; s++) {
        ByteBuf bytes = script.frameBytes(s + 1, 1_767_225_600_000L + s * 200L, s * 200L);
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.release();
        frames[s] = (CallFrame) ((FrameRead.Accepted) reader.read(text)).frame();
      }
    }

    CallFrame nextFrame() {
      next = next == frames.length ? 0 : next;
      return frames[next++];
    }
  }

  @Benchmark
  public String storedFrame(Frames state) {
    CallFrame frame = state.nextFrame();
    if (state.path.equals("text")) {
      return ClientFrameJson.storedText(frame, state.redact);
    }
    JsonObject json = ClientFrameJson.encode(frame);
    for (String field : List.of("text", "detail")) {
      if (json.getValue(field) instanceof String text) {
        json.put(field, state.redactor.redact(text));
      }
    }
    return state.codec.toString(json, false);
  }
}
