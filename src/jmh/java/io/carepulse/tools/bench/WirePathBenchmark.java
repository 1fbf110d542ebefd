package io.carepulse.tools.bench;

import io.carepulse.coach.Prompt;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.SequenceCheck;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.wire.ServerMessages;
import io.netty.buffer.ByteBuf;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The live path of one frame without the socket: the bytes of a bench frame (the suite's own mix: acoustic windows,
 * partial and final utterances, hold events) → UTF-8 text → {@link FrameReader} (parse, schema, frame record) → the
 * sequence check → {@link CallEngine#apply} → score, prompts and ack encoded → UTF-8 bytes out. What Vert.x and Netty
 * add around it is what the echo baseline measures. {@code codec=databind} parses and encodes through
 * {@code Json.decodeValue} and {@code JsonObject.encode()} as the service did before issue 14; {@code streaming} is
 * the service now (since perf6, ack and score are written straight to text: {@code ServerMessages.ackText/scoreText}).
 * Run with {@code -prof gc} for bytes per frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class WirePathBenchmark {

  /** Frames per bench call before a fresh call starts: about 50 s of a call at the suite's 5 frames/s per call. */
  static final int FRAMES_PER_CALL = 250;
  static final int CALLS = 40;

  @State(Scope.Thread)
  public static class Wire {
    @Param({"streaming", "databind"})
    public String codec;

    FrameReader reader;
    byte[][][] frames;
    CallEngine engine;
    SequenceCheck sequence;
    int call;
    int next;

    @Setup
    public void setUp() {
      reader = FrameReader.load();
      FrameMix mix = FrameMix.bundled();
      frames = new byte[CALLS][FRAMES_PER_CALL][];
      long ts = 1_767_225_600_000L;
      for (int c = 0; c < CALLS; c++) {
        FrameMix.Script script = mix.script(c, "bench-" + c);
        for (int s = 0; s < FRAMES_PER_CALL; s++) {
          ByteBuf bytes = script.frameBytes(s + 1, ts + s * 200L, s * 200L);
          frames[c][s] = new byte[bytes.readableBytes()];
          bytes.readBytes(frames[c][s]);
          bytes.release();
        }
      }
      startCall();
    }

    void startCall() {
      engine = new CallEngine("bench-" + call, CoreConfig.defaults());
      sequence = new SequenceCheck(0);
      next = 0;
    }

    byte[] nextFrame() {
      if (next == FRAMES_PER_CALL) {
        call = (call + 1) % CALLS;
        startCall();
      }
      return frames[call][next++];
    }
  }

  @Benchmark
  public void frame(Wire wire, Blackhole out) {
    byte[] in = wire.nextFrame();
    String text = new String(in, StandardCharsets.UTF_8);
    boolean databind = wire.codec.equals("databind");
    FrameRead read = databind ? wire.reader.read((JsonObject) Json.decodeValue(text)) : wire.reader.read(text);
    CallFrame frame = (CallFrame) ((FrameRead.Accepted) read).frame();
    if (wire.sequence.check(frame.seq()) != SequenceCheck.Verdict.APPLY) {
      throw new IllegalStateException("the bench script is out of sequence at " + frame.seq());
    }
    CallEngine.Step step = wire.engine.apply(frame);
    wire.sequence.applied(frame.seq());
    step.score().ifPresent(score -> out.consume(databind ? bytes(ServerMessages.score(score), true)
        : ServerMessages.scoreText(score).getBytes(StandardCharsets.UTF_8)));
    for (Prompt prompt : step.prompts()) {
      out.consume(bytes(ServerMessages.prompt(prompt), databind));
    }
    out.consume(databind ? bytes(ServerMessages.ack(frame.callId(), frame.seq()), true)
        : ServerMessages.ackText(frame.callId(), frame.seq()).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(JsonObject message, boolean databind) {
    return (databind ? message.encode() : ServerMessages.encode(message)).getBytes(StandardCharsets.UTF_8);
  }
}
