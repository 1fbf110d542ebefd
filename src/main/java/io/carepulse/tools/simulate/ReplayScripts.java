package io.carepulse.tools.simulate;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads replay files (protocol v1, "Replay files") into one script per call. A file may interleave several calls;
 * each call's frames must number 1..n, because a gap could never be filled and the server would refuse it forever.
 */
public final class ReplayScripts {

  /** Where {@code devdata convert-hvb} put the bundled sample calls, with an index (a jar cannot be listed). */
  public static final String BUNDLED_DIR = "samples/hvb/";
  /** The scripted demo calls ({@code devdata script --audio}), also indexed. */
  public static final String DEMO_DIR = "samples/demo/";

  private ReplayScripts() {
  }

  /** Files as given; directories contribute their {@code *.jsonl} files in name order. */
  public static List<ReplayScript> fromPaths(List<Path> paths) {
    List<ReplayScript> scripts = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : replayFiles(path)) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          scripts.addAll(parse(reader, file.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read replay file " + file, e);
        }
      }
    }
    return scripts;
  }

  /** The 40 Harper Valley Bank calls. */
  public static List<ReplayScript> bundledSamples() {
    return bundled(BUNDLED_DIR);
  }

  /** The calls the CarePulse team wrote for the demo (samples/demo/NOTICE). */
  public static List<ReplayScript> bundledDemo() {
    return bundled(DEMO_DIR);
  }

  /** What {@code simulate} streams without arguments: the scripted demo calls first, then the HVB calls. */
  public static List<ReplayScript> bundledAll() {
    List<ReplayScript> all = new ArrayList<>(bundledDemo());
    all.addAll(bundledSamples());
    return all;
  }

  private static List<ReplayScript> bundled(String dir) {
    ClassLoader loader = ReplayScripts.class.getClassLoader();
    List<ReplayScript> scripts = new ArrayList<>();
    for (String name : readLines(loader, dir + "index.txt")) {
      try (InputStream in = loader.getResourceAsStream(dir + name)) {
        if (in == null) {
          throw new IllegalStateException("bundled sample " + name + " is listed but missing");
        }
        scripts.addAll(parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + dir + name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return scripts;
  }

  public static List<ReplayScript> parse(Reader source, String origin) throws IOException {
    Map<String, List<JsonObject>> byCall = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonObject frame;
      try {
        frame = new JsonObject(line);
      } catch (DecodeException e) {
        throw new IllegalArgumentException(origin + ":" + number + ": not a JSON object");
      }
      String callId = frame.getString("callId");
      if (callId == null) {
        continue; // hello and other session frames belong to the connection, not the call
      }
      List<JsonObject> frames = byCall.computeIfAbsent(callId, id -> new ArrayList<>());
      Long seq = frame.getLong("seq");
      if (seq == null || seq != frames.size() + 1) {
        throw new IllegalArgumentException(origin + ":" + number + ": call " + callId + " has seq " + seq
            + " where " + (frames.size() + 1) + " was expected");
      }
      frames.add(frame);
    }
    List<ReplayScript> scripts = new ArrayList<>();
    byCall.forEach((callId, frames) -> scripts.add(new ReplayScript(callId, origin, frames)));
    return scripts;
  }

  private static List<Path> replayFiles(Path path) {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("no replay file or directory at " + path);
      }
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }

  private static List<String> readLines(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no bundled samples: " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
