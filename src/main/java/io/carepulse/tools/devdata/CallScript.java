package io.carepulse.tools.devdata;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A scripted development call (src/devdata/README.md, "Call scripts") and the PROTOCOL-v1 frames a softphone
 * plugin would send for it: call.start, a final utterance at the end of each line (its words at 150 a minute, the
 * next line 0.7 s later), softphone events, and, during silences and holds, one unvoiced audio window a second, as
 * a live plugin streams audio features all along, so silence is noticed while it lasts. Deterministic.
 *
 * <p>The smallest reader evaluation needs; the {@code .call} converter of tools.devdata replaces it once it lands.
 */
public record CallScript(String id, Map<String, String> header, List<CallFrame> frames, List<Expected> expected) {

  static final long MS_PER_WORD = 400;
  static final long GAP_MS = 700;
  static final long AUDIO_WINDOW_MS = 1000;
  private static final Pattern PAUSE = Pattern.compile("\\+(\\d+(?:\\.\\d+)?)s");

  /**
   * A prompt a good coach would surely raise, after the line before the mark: from {@code fromMs} until 30 s after
   * {@code atMs}, when that line finished. After an utterance or an event both are its end; after a silence
   * ({@code +Ns}) the prompt may come during it, so {@code fromMs} is when the silence began.
   */
  public record Expected(String kind, long fromMs, long atMs) {
  }

  public String kind() {
    return header.getOrDefault("kind", "");
  }

  public String group() {
    return header.getOrDefault("group", "");
  }

  public int csat() {
    return Integer.parseInt(header.getOrDefault("csat", "3"));
  }

  public boolean wellHandled() {
    return Boolean.parseBoolean(header.getOrDefault("well_handled", "false"));
  }

  public static List<CallScript> readFolder(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<CallScript> calls = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".call")).sorted().toList()) {
        calls.add(read(file));
      }
      return calls;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read call scripts in " + folder, e);
    }
  }

  public static CallScript read(Path file) {
    try {
      String name = file.getFileName().toString().replaceFirst("\\.call$", "");
      return parse(name, Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static CallScript parse(String fallbackId, List<String> lines) {
    Map<String, String> header = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("#")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String value = line.substring(colon + 1).strip();
          int comment = value.indexOf("  ");
          header.put(line.substring(1, colon).strip(), comment > 0 ? value.substring(0, comment).strip() : value);
        }
      }
    }
    String id = header.getOrDefault("id", fallbackId);
    String callId = "call-" + id;
    long base = HvbReplay.EPOCH_BASE_MS;
    List<CallFrame> frames = new ArrayList<>();
    List<Expected> expected = new ArrayList<>();
    frames.add(new CallStart(callId, 1, base, new CallStart.Customer(null, header.get("customer")), "devdata",
        CallStart.DEFAULT_LOCALE, Map.of("script", id)));
    long cursor = GAP_MS;
    long lastEnd = 0;
    long lastStart = 0;
    int utterances = 0;
    boolean onHold = false;
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher pause = PAUSE.matcher(line);
      if (line.startsWith("!")) {
        expected.add(new Expected(line.substring(1).strip(), lastStart, lastEnd));
      } else if (pause.matches()) {
        long until = cursor + Math.round(Double.parseDouble(pause.group(1)) * 1000);
        for (long t = cursor + AUDIO_WINDOW_MS; t <= until; t += AUDIO_WINDOW_MS) {
          frames.add(new Acoustic(callId, frames.size() + 1, base + t, Speaker.AGENT, AUDIO_WINDOW_MS, -60.0, null,
              0.0, null));
        }
        lastStart = cursor;
        cursor = until;
        lastEnd = until;
      } else if (line.startsWith("[") && line.endsWith("]")) {
        SoftphoneEvent.Kind kind = SoftphoneEvent.Kind.valueOf(line.substring(1, line.length() - 1).strip()
            .toUpperCase(java.util.Locale.ROOT));
        onHold = kind == SoftphoneEvent.Kind.HOLD || onHold && kind != SoftphoneEvent.Kind.UNHOLD;
        frames.add(new SoftphoneEvent(callId, frames.size() + 1, base + cursor, kind, null));
        lastStart = cursor;
        lastEnd = cursor;
      } else if (line.startsWith("agent:") || line.startsWith("customer:")) {
        Speaker speaker = line.startsWith("agent:") ? Speaker.AGENT : Speaker.CUSTOMER;
        String text = line.substring(line.indexOf(':') + 1).strip();
        long duration = Math.max(1, UssReplay.wordCount(text)) * MS_PER_WORD;
        long start = cursor;
        long end = start + duration;
        utterances++;
        frames.add(new Utterance(callId, frames.size() + 1, base + end, speaker, text, true, start, end,
            id + "-" + utterances));
        lastStart = end;
        lastEnd = end;
        cursor = end + GAP_MS;
      } else {
        throw new IllegalArgumentException(fallbackId + " line " + number + ": not a call script line: " + raw);
      }
    }
    frames.add(new CallEnd(callId, frames.size() + 1, base + cursor, "completed"));
    return new CallScript(id, header, List.copyOf(frames), List.copyOf(expected));
  }
}
