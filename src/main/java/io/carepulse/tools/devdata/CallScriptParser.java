package io.carepulse.tools.devdata;

import io.carepulse.coach.PromptKind;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads call scripts (src/devdata/README.md, "Call scripts") and times them: an utterance lasts its words at 150 words
 * a minute and the next line starts 0.7 s after it ends; {@code +Ns} lets N seconds more pass before the next line;
 * events and expected prompts take no time (a line after an event starts with it). The call ends when the next line
 * would start. Header values end at two spaces (the rest is a comment, as in the README's example). Every problem
 * names the file and line.
 */
public final class CallScriptParser {

  public static final double WORDS_PER_MINUTE = 150;
  public static final long MS_PER_WORD = Math.round(60_000 / WORDS_PER_MINUTE);
  public static final long GAP_MS = 700;

  static final Set<String> FIELDS = Set.of("id", "source", "industry", "kind", "group", "customer", "csat",
      "well_handled", "team", "agent");
  static final Set<String> KINDS = Set.of("caring", "cold", "hollow", "turnaround", "checked_hold", "silent_hold",
      "ordinary", "lost");
  static final Set<String> INDUSTRIES = Set.of("banking", "telecom", "insurance", "healthcare", "airline", "retail",
      "utilities", "software", "government", "delivery", "hospitality", "automotive", "education", "housing",
      "streaming", "travel", "pharmacy");

  private static final Pattern HEADER = Pattern.compile("#\\s*([a-z_]+)\\s*:\\s*(.*)");
  private static final Pattern SAID = Pattern.compile("(agent|customer)\\s*:\\s*(.*)");
  private static final Pattern PAUSE = Pattern.compile("\\+\\s*(\\d+(?:\\.\\d+)?)\\s*s");
  private static final Pattern EVENT = Pattern.compile("\\[\\s*(hold|unhold|mute|unmute|transfer)\\s*]");
  private static final Pattern PROMPT = Pattern.compile("!\\s*([a-z_]+)");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  /** A script that cannot be read; the message starts with {@code origin:line:}. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  private CallScriptParser() {
  }

  public static CallScript parse(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read call script " + file, e);
    }
  }

  public static CallScript parse(String text, String origin) {
    return new Reading(origin).read(text);
  }

  /** One pass over one script: the cursor is the end of the last line. */
  private static final class Reading {
    private final String origin;
    private final Map<String, String> header = new LinkedHashMap<>();
    private final List<CallScript.Line> lines = new ArrayList<>();
    private boolean inBody;
    /** When the next line starts. */
    private long cursorMs = GAP_MS;
    /** The extent of the last line, for the prompt marks that follow it. */
    private long lastStartMs;
    private long lastEndMs;
    private boolean onHold;
    private boolean muted;
    private int number;
    private int lastLine = 1;

    Reading(String origin) {
      this.origin = origin;
    }

    CallScript read(String text) {
      for (String raw : text.split("\r?\n", -1)) {
        number++;
        String line = raw.strip();
        if (line.isEmpty()) {
          continue;
        }
        lastLine = number;
        if (line.startsWith("#")) {
          if (!inBody) {
            headerLine(line);
          }
          continue;
        }
        inBody = true;
        bodyLine(line);
      }
      if (!header.containsKey("id")) {
        throw invalid(1, "no '# id:' header line");
      }
      if (lines.stream().noneMatch(CallScript.Said.class::isInstance)) {
        throw invalid(lastLine, "the call has no 'agent:' or 'customer:' line");
      }
      return new CallScript(origin, header, lines, cursorMs);
    }

    private void headerLine(String line) {
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) {
        return; // a comment
      }
      String key = m.group(1);
      String value = m.group(2).strip();
      int comment = value.indexOf("  ");
      if (comment > 0) {
        value = value.substring(0, comment).strip();
      }
      if (!FIELDS.contains(key)) {
        throw invalid(number, "unknown header field '" + key + "' (known: " + String.join(", ", sorted(FIELDS)) + ")");
      }
      if (header.containsKey(key)) {
        throw invalid(number, "header field '" + key + "' given twice");
      }
      if (value.isEmpty()) {
        throw invalid(number, "header field '" + key + "' has no value");
      }
      switch (key) {
        case "id" -> require(ID.matcher(value).matches(), "id must be 1–100 of A-Z a-z 0-9 . _ : -");
        case "kind" -> require(KINDS.contains(value), "kind must be one of " + String.join(", ", sorted(KINDS)));
        case "industry" -> require(INDUSTRIES.contains(value),
            "industry must be one of " + String.join(", ", sorted(INDUSTRIES)));
        case "csat" -> require(value.matches("[1-5]"), "csat must be 1, 2, 3, 4 or 5");
        case "well_handled" -> require(value.equals("true") || value.equals("false"),
            "well_handled must be true or false");
        case "team", "agent" -> require(ID.matcher(value).matches(), key + " must be 1–100 of A-Z a-z 0-9 . _ : -");
        default -> {
        }
      }
      header.put(key, value);
    }

    private void bodyLine(String line) {
      Matcher m;
      if ((m = SAID.matcher(line)).matches()) {
        said(Speaker.fromWire(m.group(1)), m.group(2).strip());
      } else if ((m = PAUSE.matcher(line)).matches()) {
        BigDecimal seconds = new BigDecimal(m.group(1));
        require(seconds.signum() > 0, "a pause must be longer than 0 s");
        long from = cursorMs;
        cursorMs += seconds.movePointRight(3).longValue();
        lines.add(new CallScript.Pause(from, cursorMs, number));
        lastStartMs = from;
        lastEndMs = cursorMs;
      } else if ((m = EVENT.matcher(line)).matches()) {
        event(SoftphoneEvent.Kind.fromWire(m.group(1)));
      } else if ((m = PROMPT.matcher(line)).matches()) {
        PromptKind kind;
        try {
          kind = PromptKind.fromWire(m.group(1));
        } catch (IllegalArgumentException e) {
          throw invalid(number, "unknown prompt kind '" + m.group(1) + "'");
        }
        require(lines.stream().anyMatch(CallScript.Said.class::isInstance), "'! " + m.group(1)
            + "' must follow a line of the call");
        lines.add(new CallScript.ExpectedPrompt(kind, lastStartMs, lastEndMs, number));
      } else {
        throw invalid(number, "not a call line: '" + line + "' (expected 'agent: …', 'customer: …', '+Ns', "
            + "'[hold]', '[unhold]', '[mute]', '[unmute]', '[transfer]' or '! prompt_kind')");
      }
    }

    private void said(Speaker speaker, String text) {
      require(!text.isEmpty(), speaker.wire() + " says nothing");
      int words = text.split("\\s+").length;
      long start = cursorMs;
      long end = start + words * MS_PER_WORD;
      lines.add(new CallScript.Said(speaker, text, words, start, end, number));
      cursorMs = end + GAP_MS;
      lastStartMs = end;
      lastEndMs = end;
    }

    private void event(SoftphoneEvent.Kind kind) {
      switch (kind) {
        case HOLD -> {
          require(!onHold, "[hold] while already on hold");
          onHold = true;
        }
        case UNHOLD -> {
          require(onHold, "[unhold] without a [hold] before it");
          onHold = false;
        }
        case MUTE -> {
          require(!muted, "[mute] while already muted");
          muted = true;
        }
        case UNMUTE -> {
          require(muted, "[unmute] without a [mute] before it");
          muted = false;
        }
        default -> {
        }
      }
      lines.add(new CallScript.Event(kind, cursorMs, number));
      lastStartMs = cursorMs;
      lastEndMs = cursorMs;
    }

    private void require(boolean condition, String message) {
      if (!condition) {
        throw invalid(number, message);
      }
    }

    private Invalid invalid(int line, String message) {
      return new Invalid(origin + ":" + line + ": " + message);
    }

    private static List<String> sorted(Set<String> values) {
      return values.stream().sorted().toList();
    }
  }
}
