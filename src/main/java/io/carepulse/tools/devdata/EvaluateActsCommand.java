package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.acts.ActModel;
import io.carepulse.acts.DialogueActs;
import io.carepulse.protocol.Speaker;
import io.carepulse.score.PhraseActReader;
import io.carepulse.score.UnionActReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devdata evaluate-acts}: per-act precision, recall and F1 of the act model on the held-out files, by form,
 * beside care-1's phrase lists read as acts; then the training files' cross-validation figures. Nothing here
 * feeds back into the model: held-out data is only reported.
 */
@Command(name = "evaluate-acts", mixinStandardHelpOptions = true,
    description = "Measure the dialogue-act model on the held-out utterances (clean vs asr) against care-1's"
        + " phrase lists, and print the training cross-validation.")
public final class EvaluateActsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "src/devdata/acts",
      description = "Labelled utterances: DIR/heldout is measured, DIR/train cross-validated (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--model", paramLabel = "FILE",
      description = "Model file (default: the shipped " + ActModel.STANDARD_RESOURCE + ")")
  Path model;

  @Option(names = "--no-cv", description = "Skip the cross-validation on train (it retrains: about a minute)")
  boolean noCv;

  /** The figures of one model (or the baseline) on one set of utterances. */
  public record HeldOut(ActTally clean, ActTally asr, ActTally hvb, ActTally all) {

    Map<String, ActTally> columns(String name) {
      Map<String, ActTally> columns = new LinkedHashMap<>();
      columns.put(name + " clean", clean);
      columns.put(name + " asr", asr);
      columns.put(name + " hvb", hvb);
      columns.put(name + " all", all);
      return columns;
    }
  }

  /** Tallies {@code classifier} over {@code examples}; HVB rows (file hvb.tsv) also get a column of their own. */
  public static HeldOut measure(List<ActExample> examples, Classifier classifier) {
    HeldOut h = new HeldOut(new ActTally(), new ActTally(), new ActTally(), new ActTally());
    for (ActExample e : examples) {
      Set<Act> predicted = classifier.acts(e.speaker(), e.text());
      h.all().add(e, predicted);
      (e.form() == ActExample.Form.CLEAN ? h.clean() : h.asr()).add(e, predicted);
      if (e.file().startsWith("hvb")) {
        h.hvb().add(e, predicted);
      }
    }
    return h;
  }

  /** Anything that names the acts of an utterance. */
  @FunctionalInterface
  public interface Classifier {
    Set<Act> acts(Speaker speaker, String text);

    static Classifier of(ActModel model) {
      return (speaker, text) -> {
        DialogueActs acts = model.classify(speaker, text);
        Set<Act> found = EnumSet.noneOf(Act.class);
        found.addAll(acts.found());
        return found;
      };
    }
  }

  /**
   * The HVB rows hold each spoken segment twice, as transcribed by a person ({@code clean}) and by speech
   * recognition ({@code asr}, id suffix {@code -asr}), with the same labels: how often the classifier decides the
   * same acts for both.
   */
  static String formAgreement(List<ActExample> examples, Classifier classifier) {
    Map<String, ActExample> clean = new LinkedHashMap<>();
    for (ActExample e : examples) {
      if (e.form() == ActExample.Form.CLEAN) {
        clean.put(e.id(), e);
      }
    }
    int pairs = 0;
    int same = 0;
    for (ActExample e : examples) {
      ActExample twin = e.id().endsWith("-asr") ? clean.get(e.id().substring(0, e.id().length() - 4)) : null;
      if (e.form() != ActExample.Form.ASR || twin == null) {
        continue;
      }
      pairs++;
      same += classifier.acts(e.speaker(), e.text()).equals(classifier.acts(twin.speaker(), twin.text())) ? 1 : 0;
    }
    return pairs == 0 ? "none" : String.format(Locale.ROOT, "%.1f %% of %d", 100.0 * same / pairs, pairs);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ActModel acts;
    if (model == null) {
      acts = ActModel.standard();
    } else {
      try (InputStream in = Files.newInputStream(model)) {
        acts = ActModel.load(in);
      }
    }
    List<ActExample> heldout;
    try {
      heldout = ActCorpus.read(data.resolve("heldout"));
    } catch (IllegalArgumentException e) {
      err.println("devdata evaluate-acts: " + e.getMessage());
      err.flush();
      return 1;
    }
    HeldOut mine = measure(heldout, Classifier.of(acts));
    PhraseListBaseline phrases = new PhraseListBaseline();
    HeldOut baseline = measure(heldout, phrases::classify);
    out.printf(Locale.ROOT, "Held-out utterances: %d (%s), model %s (%s)%n", heldout.size(), data.resolve("heldout"),
        acts.id(), acts.features().describe());
    for (Speaker speaker : Speaker.values()) {
      List<Act> list = List.of(Act.of(speaker));
      out.printf(Locale.ROOT, "%n%s acts, %s on held-out:%n", speaker.wire(), acts.id());
      ActTally.print(out, list, mine.columns(acts.id()));
      out.printf(Locale.ROOT, "%n%s acts, care-1 phrase lists on held-out (acts without a cue never found):%n",
          speaker.wire());
      ActTally.print(out, list, baseline.columns("care-1"));
      List<Act> covered = list.stream().filter(PhraseListBaseline::covers).toList();
      out.printf(Locale.ROOT, "macro-F1 over the %d %s acts care-1 has a cue for: %s %.3f (clean %.3f, asr %.3f),"
              + " care-1 %.3f (clean %.3f, asr %.3f)%n", covered.size(), speaker.wire(), acts.id(),
          mine.all().macroF1(covered), mine.clean().macroF1(covered), mine.asr().macroF1(covered),
          baseline.all().macroF1(covered), baseline.clean().macroF1(covered), baseline.asr().macroF1(covered));
    }
    List<Act> every = List.of(Act.values());
    out.printf(Locale.ROOT, "%nmacro-F1, all %d acts: %s %.3f (clean %.3f, asr %.3f, hvb %.3f); care-1 %.3f%n",
        every.size(), acts.id(), mine.all().macroF1(every), mine.clean().macroF1(every), mine.asr().macroF1(every),
        mine.hvb().macroF1(every), baseline.all().macroF1(every));
    out.printf(Locale.ROOT, "%nSame HVB segment, human vs machine transcript: identical acts for %s pairs by %s, %s"
        + " by care-1's phrase lists%n", formAgreement(heldout, Classifier.of(acts)), acts.id(),
        formAgreement(heldout, phrases::classify));
    printCareTwoReaders(out, heldout, acts);
    out.flush();
    if (!noCv) {
      List<ActExample> train = ActCorpus.read(data.resolve("train"));
      ActTrainer.Settings defaults = ActTrainer.Settings.defaults();
      ActTrainer.Settings settings = new ActTrainer.Settings(acts.id(), acts.features(), defaults.minCount(),
          defaults.lambdas(), defaults.folds());
      out.printf(Locale.ROOT, "%nCross-validation on %d training utterances (%s)%n", train.size(),
          settings.describe());
      ActTrainer.Trained trained = new ActTrainer(settings, line -> { }).train(train);
      TrainActsCommand.printCrossValidation(out, trained);
      printUnionOnTrain(out, trained, acts.id());
    }
    out.flush();
    return 0;
  }

  /**
   * care-2's phrase reader (model/care-2-acts.txt), the reader the shipped score uses, on the held-out utterances;
   * and the same with the classifier's agent acts added ({@code model.acts=acts-N+union}).
   */
  private static void printCareTwoReaders(PrintWriter out, List<ActExample> heldout, ActModel acts) {
    PhraseActReader listed = PhraseActReader.standard();
    HeldOut phrases = measure(heldout, ReaderActs.of(listed));
    HeldOut union = measure(heldout, ReaderActs.of(UnionActReader.of(acts)));
    List<Act> every = List.of(Act.values());
    for (Speaker speaker : Speaker.values()) {
      List<Act> list = List.of(Act.of(speaker));
      out.printf(Locale.ROOT, "%n%s acts, care-2's phrase reader (%s) on held-out:%n", speaker.wire(),
          PhraseActReader.STANDARD_RESOURCE);
      ActTally.print(out, list, phrases.columns("phrases"));
      if (speaker == Speaker.AGENT) {
        out.printf(Locale.ROOT, "%nagent acts, phrases or %s when sure (%s+union) on held-out:%n", acts.id(),
            acts.id());
        ActTally.print(out, list, union.columns("union"));
      }
    }
    out.printf(Locale.ROOT, "%nmacro-F1, all %d acts: phrases %.3f (clean %.3f, asr %.3f, hvb %.3f); %s+union %.3f"
            + " (clean %.3f, asr %.3f, hvb %.3f)%n", every.size(), phrases.all().macroF1(every),
        phrases.clean().macroF1(every), phrases.asr().macroF1(every), phrases.hvb().macroF1(every), acts.id(),
        union.all().macroF1(every), union.clean().macroF1(every), union.asr().macroF1(every),
        union.hvb().macroF1(every));
  }

  /**
   * On the training utterances: the phrase reader, the classifier out of fold (never fitted on the utterance's
   * industry) at its own thresholds, and their union, act by act: the place to choose which acts a union takes, so
   * that the held-out utterances and calls stay out of the choice.
   */
  private static void printUnionOnTrain(PrintWriter out, ActTrainer.Trained trained, String id) {
    PhraseActReader listed = PhraseActReader.standard();
    for (ActTrainer.CrossValidation cv : trained.folds()) {
      ActTally phrases = new ActTally();
      ActTally union = new ActTally();
      Set<Act> all = EnumSet.copyOf(List.of(Act.of(cv.speaker())));
      for (int i = 0; i < cv.examples().size(); i++) {
        ActExample e = cv.examples().get(i);
        Set<Act> found = ReaderActs.acts(listed, e.speaker(), e.text());
        phrases.add(e, found);
        union.add(e, ReaderActs.union(found, cv.outOfFold().get(i), all));
      }
      Map<String, ActTally> columns = new LinkedHashMap<>();
      columns.put("phrases train", phrases);
      columns.put("cv " + id, cv.all());
      columns.put("phrases or cv " + id, union);
      out.printf(Locale.ROOT, "%nTraining utterances, %s acts: phrase reader, classifier out of fold, either:%n",
          cv.speaker().wire());
      ActTally.print(out, List.of(Act.of(cv.speaker())), columns);
    }
  }
}
