package io.carepulse.tools.devdata;

import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.ClientFrameJson;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devdata export-fit}: the development data that the shipped care-2 blend is fitted on, as calibrate's
 * inputs (calls.jsonl, outcomes.jsonl) in a folder outside the project: USS MultiWOZ's fit split only (its
 * held-out split is never written), the HVB caller ratings, and the dev call scripts (never the held-out ones).
 * Each source weighs as much in all as the others, so the 40-odd calls are not drowned by the dialogues.
 */
@Command(name = "export-fit", mixinStandardHelpOptions = true,
    description = "Write calibrate's inputs from the development data (MultiWOZ fit split, HVB, dev calls).")
public final class ExportFitCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--uss", defaultValue = "${env:" + EvaluateCommand.PATH_ENV + ":-../shared/data/uss/MWOZ.txt}")
  Path uss;

  @Option(names = "--hvb", defaultValue = "../shared/data/hvb/calls.jsonl")
  Path hvb;

  @Option(names = "--calls", defaultValue = "src/devdata/calls/dev")
  Path calls;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "folder to write calls.jsonl and outcomes.jsonl to: outside the repository (USS may not be copied)")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter log = spec.commandLine().getOut();
    Files.createDirectories(out);
    List<UssDialogue> dialogues = UssCorpus.read(uss).stream()
        .filter(d -> !MultiWozSplit.heldOut(d.number()) && (d.rating() <= 2 || d.rating() >= 4)).toList();
    List<HvbCall> rated = HvbSample.read(hvb).stream().filter(c -> c.callerRating().isPresent()).toList();
    List<LabelledCall> scripts = LabelledCall.readFolder(calls).stream().filter(c -> c.csat() != 3).toList();
    double ussWeight = 1.0;
    double hvbWeight = (double) dialogues.size() / Math.max(1, rated.size());
    double callWeight = (double) dialogues.size() / Math.max(1, scripts.size());
    try (Writer frames = Files.newBufferedWriter(out.resolve("calls.jsonl"), StandardCharsets.UTF_8);
         Writer outcomes = Files.newBufferedWriter(out.resolve("outcomes.jsonl"), StandardCharsets.UTF_8)) {
      HvbReplay hvbReplay = new HvbReplay(false);
      for (UssDialogue dialogue : dialogues) {
        write(frames, UssReplay.frames(dialogue));
        outcome(outcomes, UssReplay.callId(dialogue), dialogue.rating(), ussWeight, "uss-mwoz");
      }
      for (HvbCall call : rated) {
        write(frames, hvbReplay.frames(call));
        // Caller ratings 0-10: 9-10 happy, up to 6 unhappy (as CSAT 5 / 1); 7-8 left out, as CSAT 3 is.
        int rating = call.callerRating().getAsInt();
        outcome(outcomes, HvbReplay.callId(call), rating >= 9 ? 5 : rating <= 6 ? 1 : 3, hvbWeight, "hvb");
      }
      for (LabelledCall script : scripts) {
        write(frames, script.frames());
        outcome(outcomes, "call-" + script.id(), script.csat(), callWeight, "devdata-calls");
      }
    }
    log.printf("wrote %s: %d MultiWOZ dialogues (fit split, rated <=2 or >=4), %d HVB calls, %d dev calls%n", out,
        dialogues.size(), rated.size(), scripts.size());
    log.flush();
    return 0;
  }

  private static void write(Writer writer, List<CallFrame> frames) throws IOException {
    for (CallFrame frame : frames) {
      writer.write(ClientFrameJson.encode(frame).encode());
      writer.write('\n');
    }
  }

  private static void outcome(Writer writer, String callId, int csat, double weight, String source)
      throws IOException {
    writer.write(new JsonObject().put("callId", callId).put("csat", csat).put("weight", weight).put("source", source)
        .encode());
    writer.write('\n');
  }
}
