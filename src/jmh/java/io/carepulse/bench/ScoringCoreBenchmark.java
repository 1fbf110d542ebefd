package io.carepulse.bench;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.Cue;
import io.carepulse.score.PhraseBook;
import io.carepulse.score.Tokens;
import io.carepulse.score.sentiment.Sentiment;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring core on one thread. The headline is {@link #finalUtterance}: final utterances scored per second by
 * one {@link CallEngine}, in steady state, each call ending after {@value #UTTERANCES_PER_CALL} turns as a real call
 * does (so per-call state stays bounded and the cost of starting calls is counted). The other benchmarks isolate
 * the parts of it. Every result is returned, so JMH sinks it into a Blackhole and nothing is dead code.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ScoringCoreBenchmark {

  static final int UTTERANCES_PER_CALL = 200;
  /** 250 ms windows from both sides: about four minutes of audio per call. */
  static final int ACOUSTIC_WINDOWS_PER_CALL = 2000;
  static final long ACOUSTIC_WINDOW_MS = 250;

  /** One live call at a time, replaced by a fresh one when its script runs out. */
  @State(Scope.Thread)
  public static class LiveCall {
    /** The score model: care-2 (the default), or care-1 as it shipped, to compare. */
    @org.openjdk.jmh.annotations.Param({"care-2", "care-1"})
    public String model;
    private CoreConfig config;
    private CallStart start;
    private CallFrame[] frames;
    private CallEngine engine;
    private int next;

    void load(CallFrame[] script) {
      config = CoreConfig.forModel(model);
      start = SupportCallScript.callStart("bench-call");
      frames = script;
      next = frames.length;
    }

    CallEngine.Step applyNext() {
      if (next == frames.length) {
        engine = new CallEngine(start.callId(), config);
        engine.apply(start);
        next = 0;
      }
      return engine.apply(frames[next++]);
    }
  }

  public static class FinalUtterances extends LiveCall {
    @Setup(Level.Trial)
    public void setUp() {
      load(SupportCallScript.finalUtterances("bench-call", UTTERANCES_PER_CALL));
    }
  }

  public static class AcousticWindows extends LiveCall {
    @Setup(Level.Trial)
    public void setUp() {
      Acoustic[] windows = SupportCallScript.acousticWindows("bench-call", ACOUSTIC_WINDOWS_PER_CALL,
          ACOUSTIC_WINDOW_MS);
      load(windows);
    }
  }

  /** The script's texts, cycled. */
  @State(Scope.Thread)
  public static class Texts {
    final SentimentAnalyzer analyzer = SentimentAnalyzer.standard();
    final PhraseBook phrases = CoreConfig.defaults().model().phrases();
    private final String[] texts = SupportCallScript.TURNS;
    private int next;

    String next() {
      String text = texts[next];
      next = next + 1 == texts.length ? 0 : next + 1;
      return text;
    }
  }

  /** Headline: one final utterance through the whole core (detectors, score, reasons, coaching, score update). */
  @Benchmark
  public CallEngine.Step finalUtterance(FinalUtterances call) {
    return call.applyNext();
  }

  /** The most frequent frame of the live path: one audio-feature window. */
  @Benchmark
  public CallEngine.Step acousticFrame(AcousticWindows call) {
    return call.applyNext();
  }

  /** VADER plus the contact-centre lexicon, on one utterance's text. */
  @Benchmark
  public Sentiment sentiment(Texts texts) {
    return texts.analyzer.analyze(texts.next());
  }

  /** Tokenising one utterance and finding its cues in the phrase book. */
  @Benchmark
  public Map<Cue, String> phraseCues(Texts texts) {
    return texts.phrases.match(Tokens.of(texts.next()));
  }
}
