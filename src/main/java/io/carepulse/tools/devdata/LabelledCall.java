package io.carepulse.tools.devdata;

import io.carepulse.protocol.CallFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A labelled development call (src/devdata/calls) as evaluation and fitting use it: the script, read by
 * {@link CallScriptParser}, and the frames it streams — callId {@code call-<id>}, team {@code devdata}, and a silent
 * audio window a second through each pause, so silence is noticed while it lasts ({@link CallScriptFrames.Audio}).
 */
public record LabelledCall(CallScript script, List<CallFrame> frames) {

  static final String TEAM = "devdata";

  /** A prompt a good coach would raise, from {@code fromMs} until 30 s after {@code atMs} (CallScript.ExpectedPrompt). */
  public record Expected(String kind, long fromMs, long atMs) {
  }

  public static LabelledCall of(CallScript script) {
    return new LabelledCall(script, CallScriptFrames.frames(script, CallScriptFrames.Options.defaults()
        .withCallId("call-" + script.id()).withTeam(TEAM).withAudio(CallScriptFrames.Audio.SILENCES)));
  }

  public static LabelledCall read(Path file) {
    return of(CallScriptParser.parse(file));
  }

  /** Every {@code *.call} in {@code folder}, in name order. */
  public static List<LabelledCall> readFolder(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<LabelledCall> calls = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".call")).sorted().toList()) {
        calls.add(read(file));
      }
      return calls;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read call scripts in " + folder, e);
    }
  }

  public String id() {
    return script.id();
  }

  /** The script's kind, or "" when its header names none. */
  public String kind() {
    return script.kind().orElse("");
  }

  public String group() {
    return script.group().orElse("");
  }

  /** The CSAT the script's customer would give; 3, neither side, when it says nothing. */
  public int csat() {
    return script.csat().orElse(3);
  }

  public boolean wellHandled() {
    return script.wellHandled().orElse(false);
  }

  public List<Expected> expected() {
    return script.expectedPrompts().stream().map(p -> new Expected(p.kind().wire(), p.fromMs(), p.atMs())).toList();
  }
}
