package io.carepulse.tools.devdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Parses the USS satisfaction files (UPSTREAM-README.md): tab-separated {@code ROLE, text, action, ratings}, one
 * session per block, blocks separated by blank lines, each block closed by a {@code USER OVERALL} line that
 * carries the dialogue's ratings.
 */
public final class UssCorpus {

  private static final String OVERALL = "OVERALL";

  private UssCorpus() {
  }

  public static List<UssDialogue> read(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read USS dialogues from " + file, e);
    }
  }

  public static List<UssDialogue> parse(BufferedReader reader) throws IOException {
    List<UssDialogue> dialogues = new ArrayList<>();
    List<UssDialogue.Turn> turns = new ArrayList<>();
    int lineNumber = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        if (!turns.isEmpty()) {
          throw new IllegalArgumentException("line " + lineNumber + ": dialogue ends without a USER OVERALL line");
        }
        continue;
      }
      String[] fields = line.split("\t", -1);
      UssDialogue.Role role = role(fields[0], lineNumber);
      String text = fields.length > 1 ? fields[1].strip() : "";
      if (role == UssDialogue.Role.USER && OVERALL.equals(text)) {
        if (fields.length < 4) {
          throw new IllegalArgumentException("line " + lineNumber + ": OVERALL line has no ratings");
        }
        dialogues.add(new UssDialogue(dialogues.size() + 1, turns, majorityRating(fields[3], lineNumber)));
        turns = new ArrayList<>();
      } else {
        turns.add(new UssDialogue.Turn(role, text));
      }
    }
    if (!turns.isEmpty()) {
      throw new IllegalArgumentException("line " + lineNumber + ": last dialogue ends without a USER OVERALL line");
    }
    return dialogues;
  }

  /** The most frequent of the annotators' ratings; a tie goes to the lower value (shared/data/README.md). */
  public static int majorityRating(String ratings, int lineNumber) {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (String rating : ratings.split(",")) {
      if (rating.isBlank()) {
        continue;
      }
      try {
        counts.merge(Integer.parseInt(rating.strip()), 1, Integer::sum);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + lineNumber + ": rating '" + rating + "' is not a number", e);
      }
    }
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("line " + lineNumber + ": no ratings");
    }
    int best = counts.firstKey();
    for (var entry : counts.entrySet()) {
      if (entry.getValue() > counts.get(best)) {
        best = entry.getKey();
      }
    }
    return best;
  }

  private static UssDialogue.Role role(String field, int lineNumber) {
    try {
      return UssDialogue.Role.valueOf(field.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + lineNumber + ": role '" + field + "' is neither USER nor SYSTEM", e);
    }
  }
}
