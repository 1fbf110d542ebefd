package io.carepulse.bench;

import io.carepulse.acts.ActModel;
import io.carepulse.acts.DialogueActs;
import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Dialogue-act classification of one final utterance (normalise, features, both speakers' linear classifiers,
 * evidence for the acts found), in ns per utterance. The texts are typical contact-centre turns of 12–20 words,
 * written and speech-recognition forms, agent and customer alternating. {@code -p model=FILE} measures another
 * model file (e.g. one trained with character n-grams) against the shipped one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class DialogueActsBenchmark {

  static final String[] AGENT = {
      "I'm so sorry about that, let me have a look at the account and sort it out for you.",
      "honestly that's one for the billing team i can't really do anything about it from here",
      "Unfortunately that fare is non-refundable, but what I can do is move you to Thursday at no cost.",
      "thanks for holding i'm still on it should only be another minute or two",
      "You'll get a text within the hour confirming the new delivery slot and the driver's name.",
      "is there anything else i can help you with today before you go",
      "I understand your frustration and we apologise for any inconvenience this may have caused.",
      "Can you confirm the first line of the address and the postcode for me please?",
  };
  static final String[] CUSTOMER = {
      "This is the third time I've called about this and nobody has called me back once.",
      "oh great another forty minutes on hold that's exactly how i wanted to spend my lunch",
      "I'm really worried, the rent goes out tomorrow and the money still hasn't arrived.",
      "if this isn't fixed today i'm cancelling and moving everything to another provider",
      "fine whatever i knew nothing would happen i'll just live with it i guess",
      "Thank you so much, that's a real weight off my mind, you've been brilliant.",
      "sorry i don't follow what do you mean by a pending authorisation",
      "So what happens now, and how long will it take before I hear anything?",
  };

  @State(Scope.Thread)
  public static class Utterances {
    @Param({"standard"})
    public String model;

    ActModel acts;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
      if (model.equals("standard")) {
        acts = ActModel.standard();
      } else {
        try (InputStream in = Files.newInputStream(Path.of(model))) {
          acts = ActModel.load(in);
        }
      }
    }

    DialogueActs classifyNext() {
      int i = next;
      next = (next + 1) & 15;
      return (i & 1) == 0 ? acts.classify(Speaker.AGENT, AGENT[i >> 1]) : acts.classify(Speaker.CUSTOMER,
          CUSTOMER[i >> 1]);
    }
  }

  /** One utterance classified, evidence included for the acts found. */
  @Benchmark
  public DialogueActs classify(Utterances utterances) {
    return utterances.classifyNext();
  }
}
