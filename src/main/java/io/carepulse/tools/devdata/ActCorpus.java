package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The labelled utterances under one folder ({@code acts/train} or {@code acts/heldout}): every {@code *.tsv}, in
 * file-name order, lines in file order, so everything built from them is reproducible.
 */
public final class ActCorpus {

  private ActCorpus() {
  }

  public static List<ActExample> read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("not a folder of labelled utterances: " + folder);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ActExample> examples = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path file : files) {
      readFile(file, examples, ids);
    }
    return Collections.unmodifiableList(examples);
  }

  private static void readFile(Path file, List<ActExample> out, Set<String> ids) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = file.getFileName().toString();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = name + ":" + (n + 1) + ": ";
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalArgumentException(where + "expected 6 tab-separated columns, found " + f.length);
      }
      if (!ids.add(f[0])) {
        throw new IllegalArgumentException(where + "duplicate id " + f[0]);
      }
      Speaker speaker;
      ActExample.Form form;
      try {
        speaker = Speaker.fromWire(f[1].strip());
        form = ActExample.Form.valueOf(f[3].strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "bad speaker or form: " + f[1] + " / " + f[3]);
      }
      Set<Act> acts = EnumSet.noneOf(Act.class);
      String labels = f[4].strip();
      if (!labels.equals("-")) {
        for (String label : labels.split(",")) {
          Act act;
          try {
            act = Act.fromWire(label.strip());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
          }
          if (act.speaker() != speaker) {
            throw new IllegalArgumentException(where + act.wire() + " is not a " + speaker.wire() + " act");
          }
          acts.add(act);
        }
      }
      out.add(new ActExample(f[0], speaker, f[2].strip(), form, Collections.unmodifiableSet(acts), f[5], name));
    }
  }
}
