package io.carepulse.tools.devdata;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Reads the HVB sample's {@code calls.jsonl}: one call per line. */
public final class HvbSample {

  private HvbSample() {
  }

  public static List<HvbCall> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read HVB calls from " + file, e);
    }
    List<HvbCall> calls = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        calls.add(parse(new JsonObject(line)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": not an HVB call: " + e.getMessage(), e);
      }
    }
    return calls;
  }

  public static HvbCall parse(JsonObject json) {
    List<String> tasks = new ArrayList<>();
    JsonArray taskArray = json.getJsonArray("tasks", new JsonArray());
    for (int i = 0; i < taskArray.size(); i++) {
      tasks.add(taskArray.getString(i));
    }
    List<HvbCall.Segment> segments = new ArrayList<>();
    JsonArray segmentArray = json.getJsonArray("segments");
    for (int i = 0; i < segmentArray.size(); i++) {
      JsonObject s = segmentArray.getJsonObject(i);
      JsonArray e = s.getJsonArray("emotion");
      double[] emotion = e == null || e.size() != 3
          ? null
          : new double[] {e.getDouble(0), e.getDouble(1), e.getDouble(2)};
      segments.add(new HvbCall.Segment(s.getInteger("index"), s.getString("speaker"), s.getLong("startMs"),
          s.getLong("durationMs"), s.getString("text", ""), emotion));
    }
    return new HvbCall(json.getString("sid"), json.getString("session"), json.getString("agentName"),
        json.getString("callerName"), tasks, callerRating(json.getValue("callerSurvey")), segments);
  }

  /** The survey stores ratings as strings; {@code {}} (no survey) and {@code null} give no rating. */
  private static OptionalInt callerRating(Object survey) {
    if (!(survey instanceof JsonObject surveyObject)) {
      return OptionalInt.empty();
    }
    Object rating = surveyObject.getValue("partner_rating");
    if (rating == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(rating.toString().strip()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
