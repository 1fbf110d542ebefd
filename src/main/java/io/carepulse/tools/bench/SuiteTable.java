package io.carepulse.tools.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The suite's table, in Markdown so that it can go into docs/performance.md as printed. */
final class SuiteTable {

  private SuiteTable() {
  }

  static String render(Machine machine, String serverJvm, String warmUp, CpuPinning pinning, List<Row> rows, double seconds) {
    StringBuilder t = new StringBuilder();
    t.append("CarePulse bench suite, ").append(machine.line()).append('\n');
    t.append(String.format(Locale.ROOT, "Suite time %.0f s. Servers: %s, 127.0.0.1; %s; %s.%n", seconds, serverJvm,
        pinning.describe(), warmUp));
    t.append("Latency (ms) runs from each frame's scheduled send time (open loop) to its `ack` (every frame; the echo "
        + "baseline answers every frame with one) or to its `score` (frames protocol v1 must score: call.start, final "
        + "utterances, events). CPU in cores over the measured window; `others` = load from processes outside the "
        + "suite.\n");
    steadyTable(t, rows);
    kneeTable(t, rows);
    idleTable(t, rows);
    variants(t, rows);
    goals(t, rows);
    return t.toString();
  }

  /**
   * Issue 14's goals, each as a ratio to the echo baseline of the same run: at the smallest steady load (5,000
   * frames/s in the standard suite) CPU per frame ≤ 1.5x and ack p99 ≤ 1.5x; the knee ≥ 0.8x; heap per idle call
   * ≤ 1.5x; with supervisors or PostgreSQL, ack p99 ≤ 3x echo's plain row.
   */
  private static void goals(StringBuilder t, List<Row> rows) {
    Row service = null;
    for (Row row : rows) {
      if (row.kind() == Row.Kind.STEADY && row.system().equals("CarePulse")
          && (service == null || row.calls() < service.calls())) {
        service = row;
      }
    }
    Row echo = service == null ? null : steadyEcho(rows, service.calls());
    List<String[]> lines = new ArrayList<>();
    if (echo != null) {
      String load = num(echo.result().getDouble("targetPerSec", echo.result().getDouble("sentPerSec"))) + " frames/s";
      lines.add(goal("server CPU per frame, " + load, microsPerFrame(service.result()),
          microsPerFrame(echo.result()), 1.5, true, " µs"));
      lines.add(goal("frame→ack p99, " + load, service.result().getJsonObject("ack").getDouble("p99"),
          echo.result().getJsonObject("ack").getDouble("p99"), 1.5, true, " ms"));
      for (Row row : rows) {
        if (row.kind() == Row.Kind.VARIANT && row.calls() == service.calls()) {
          String database = row.result().containsKey("databaseCpuCores")
              ? String.format(Locale.ROOT, " (PostgreSQL %s cores)", fmt(row.result().getDouble("databaseCpuCores")))
              : "";
          lines.add(goal("frame→ack p99, " + row.system() + database + ", " + load,
              row.result().getJsonObject("ack").getDouble("p99"), echo.result().getJsonObject("ack").getDouble("p99"),
              3, true, " ms"));
        }
      }
    }
    JsonObject serviceKnee = null;
    JsonObject echoKnee = null;
    boolean kneesMeasured = false;
    for (Row row : rows) {
      if (row.kind() == Row.Kind.KNEE) {
        kneesMeasured = true;
        if (row.system().equals("CarePulse")) {
          serviceKnee = row.kneeStep();
        } else {
          echoKnee = row.kneeStep();
        }
      }
    }
    if (kneesMeasured && echoKnee != null) {
      double mine = serviceKnee == null ? 0 : serviceKnee.getDouble("targetPerSec");
      lines.add(goal("knee (p99 < " + fmt(SuiteCommand.KNEE_P99_MILLIS) + " ms, nothing unanswered)", mine,
          echoKnee.getDouble("targetPerSec"), 0.8, false, " frames/s"));
    }
    JsonObject idleService = null;
    JsonObject idleEcho = null;
    for (Row row : rows) {
      if (row.kind() == Row.Kind.IDLE) {
        if (row.system().equals("CarePulse")) {
          idleService = row.result();
        } else {
          idleEcho = row.result();
        }
      }
    }
    if (idleService != null && idleEcho != null) {
      lines.add(goal("heap per idle call", idleService.getLong("heapPerCallBytes", 0L) / 1024.0,
          idleEcho.getLong("heapPerCallBytes", 0L) / 1024.0, 1.5, true, " KB"));
    }
    if (lines.isEmpty()) {
      return;
    }
    t.append("\n| goal (issue 14) | CarePulse | echo | CarePulse / echo | target | |\n|---|---:|---:|---:|---:|---|\n");
    for (String[] line : lines) {
      t.append("| ").append(String.join(" | ", line)).append(" |\n");
    }
  }

  private static String[] goal(String what, double mine, double echo, double limit, boolean atMost, String unit) {
    double ratio = echo <= 0 ? Double.NaN : mine / echo;
    boolean met = !Double.isNaN(ratio) && (atMost ? ratio <= limit : ratio >= limit);
    String shown = unit.equals(" frames/s") ? num(mine) : fmt(mine);
    String echoShown = unit.equals(" frames/s") ? num(echo) : fmt(echo);
    return new String[] {what, shown + unit, echoShown + unit, Double.isNaN(ratio) ? "–" : "**" + fmt(ratio) + "x**",
        (atMost ? "≤ " : "≥ ") + fmt(limit) + "x", met ? "met" : "**missed**"};
  }

  private static boolean any(List<Row> rows, Row.Kind... kinds) {
    return rows.stream().anyMatch(row -> List.of(kinds).contains(row.kind()));
  }

  /** (a), and (b)'s knee step in the same columns. */
  private static void steadyTable(StringBuilder t, List<Row> rows) {
    if (!any(rows, Row.Kind.STEADY, Row.Kind.KNEE)) {
      return;
    }
    t.append("\n| row | system | sent/s | recv/s | ack p50 | p90 | p99 | p99.9 | max | score p50 | score p99 | errors "
        + "| server CPU | server µs/frame | server RSS MB | generator CPU | generator GC max ms | others CPU |\n");
    t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Row previous = null;
    for (Row row : rows) {
      if (row.kind() == Row.Kind.STEADY) {
        steady(t, row, row.result());
        if (previous != null && previous.kind() == Row.Kind.STEADY && previous.label().equals(row.label())) {
          ratio(t, previous.result(), row.result());
        }
      } else if (row.kind() == Row.Kind.KNEE) {
        JsonObject knee = row.kneeStep();
        if (knee != null) {
          steady(t, new Row(row.label() + ", at the knee", row.system(), row.kind(), row.results(), null), knee);
        }
      }
      previous = row;
    }
  }

  private static void kneeTable(StringBuilder t, List<Row> rows) {
    if (!any(rows, Row.Kind.KNEE)) {
      return;
    }
    t.append("\n| knee (p99 < ").append(fmt(SuiteCommand.KNEE_P99_MILLIS)).append(" ms) | system | knee frames/s "
        + "| p99 there | next step | p99 there | server CPU at knee |\n|---|---|---:|---:|---:|---:|---:|\n");
    Row kneeService = null;
    for (Row row : rows) {
      if (row.kind() != Row.Kind.KNEE) {
        continue;
      }
      JsonObject knee = row.kneeStep();
      JsonObject past = row.pastKnee();
      t.append("| ").append(row.label()).append(" | ").append(row.system()).append(" | ")
          .append(knee == null ? "< " + num(row.results().get(0).getDouble("targetPerSec")) : num(knee.getDouble("targetPerSec"))
              + (past == null ? " (every step held)" : ""))
          .append(" | ").append(knee == null ? "" : fmt(knee.getJsonObject("ack").getDouble("p99")))
          .append(" | ").append(past == null ? "" : num(past.getDouble("targetPerSec")))
          .append(" | ").append(past == null ? "" : fmt(past.getJsonObject("ack").getDouble("p99"))
              + (past.getLong("errors") + past.getLong("unanswered") > 0 ? " (" + past.getLong("unanswered")
              + " unanswered, " + past.getLong("errors") + " errors)" : ""))
          .append(" | ").append(knee == null ? "" : fmt(knee.getDouble("serverCpuCores", 0.0))).append(" |\n");
      if (row.system().equals("CarePulse")) {
        kneeService = row;
      } else if (kneeService != null && kneeService.kneeStep() != null && knee != null) {
        t.append("| | **CarePulse / echo** | **").append(fmt(kneeService.kneeStep().getDouble("targetPerSec")
            / knee.getDouble("targetPerSec"))).append("** | | | | |\n");
      }
    }
  }

  private static void idleTable(StringBuilder t, List<Row> rows) {
    if (!any(rows, Row.Kind.IDLE)) {
      return;
    }
    t.append("\n| idle calls | system | calls live | heap after GC, per call | RSS, per call | heap after GC, "
        + "all calls | server RSS MB |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      if (row.kind() != Row.Kind.IDLE) {
        continue;
      }
      JsonObject r = row.result();
      t.append("| ").append(row.label()).append(" | ").append(row.system()).append(" | ")
          .append(r.getInteger("live", 0)).append(" | ")
          .append(fmt(r.getLong("heapPerCallBytes", 0L) / 1024.0)).append(" KB | ")
          .append(fmt(r.getDouble("rssPerCallKb", 0.0))).append(" KB | ")
          .append(fmt((r.getLong("heapAfterBytes", 0L) - r.getLong("heapBeforeBytes", 0L)) / 1048576.0)).append(" MB | ")
          .append(fmt(r.getDouble("serverRssMb", 0.0))).append(" |\n");
    }
  }

  /**
   * (d): each variant beside the (a) row with as many calls, so what PostgreSQL or the supervisors cost is read off
   * one table; grouped by calls.
   */
  private static void variants(StringBuilder t, List<Row> rows) {
    List<Row> variants = new ArrayList<>();
    for (Row row : rows) {
      if (row.kind() == Row.Kind.VARIANT || row.kind() == Row.Kind.SKIPPED) {
        variants.add(row);
      }
    }
    if (variants.isEmpty()) {
      return;
    }
    variants.sort(Comparator.comparingInt(Row::calls));
    t.append("\n(d) the (a) load with something added. With PostgreSQL on, an ack is sent once the frame is committed "
        + "(protocol v1: ack = persisted); scores do not wait for the database. `PostgreSQL CPU`: every `postgres` "
        + "process on the machine over the window. Supervisors: dashboards on one event loop of the generator, each "
        + "watching one team; messages/s and MB/s are what they received together.\n\n");
    t.append("| row | system | sent/s | recv/s | ack p50 | ack p99 | score p50 | score p99 | errors | server CPU "
        + "| server µs/frame | server RSS MB | PostgreSQL CPU | supervisor msgs/s | supervisor MB/s | generator CPU "
        + "| others CPU |\n");
    t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    int shownCalls = -1;
    for (Row row : variants) {
      if (row.calls() != shownCalls) {
        shownCalls = row.calls();
        Row plain = steadyService(rows, shownCalls);
        if (plain != null) {
          variant(t, new Row(plain.label() + ", as above (in memory, no supervisors)", plain.system(), plain.kind(),
              plain.results(), null));
        }
      }
      if (row.kind() == Row.Kind.SKIPPED) {
        t.append("| ").append(row.label()).append(" | ").append(row.skippedReason()).append(" |\n");
      } else {
        variant(t, row);
        Row echo = steadyEcho(rows, row.calls());
        if (echo != null) {
          JsonObject a = row.result().getJsonObject("ack");
          JsonObject b = echo.result().getJsonObject("ack");
          t.append("| | **/ echo (a)** | | | ").append(times(a, b, "p50")).append(" | **").append(times(a, b, "p99"))
              .append("** | | | | | **").append(fmt(microsPerFrame(row.result())
                  / Math.max(0.01, microsPerFrame(echo.result())))).append("x** | | | | | | |\n");
        }
      }
    }
  }

  private static Row steadyService(List<Row> rows, int calls) {
    for (Row row : rows) {
      if (row.kind() == Row.Kind.STEADY && row.system().equals("CarePulse") && row.calls() == calls) {
        return row;
      }
    }
    return null;
  }

  private static Row steadyEcho(List<Row> rows, int calls) {
    for (Row row : rows) {
      if (row.kind() == Row.Kind.STEADY && row.system().equals("echo") && row.calls() == calls) {
        return row;
      }
    }
    return null;
  }

  private static void variant(StringBuilder t, Row row) {
    JsonObject r = row.result();
    JsonObject ack = r.getJsonObject("ack");
    JsonObject score = r.getJsonObject("score");
    JsonObject watching = r.getJsonObject("supervisors");
    boolean scored = score.getLong("count") > 0;
    t.append("| ").append(row.label()).append(" | ").append(row.system())
        .append(" | ").append(num(r.getDouble("sentPerSec"))).append(" | ").append(num(r.getDouble("receivedPerSec")))
        .append(" | ").append(fmt(ack.getDouble("p50"))).append(" | ").append(fmt(ack.getDouble("p99")))
        .append(" | ").append(scored ? fmt(score.getDouble("p50")) : "–")
        .append(" | ").append(scored ? fmt(score.getDouble("p99")) : "–")
        .append(" | ").append(r.getLong("errors") + r.getLong("unanswered") + r.getLong("notSent"))
        .append(" | ").append(fmt(r.getDouble("serverCpuCores", 0.0)))
        .append(" | ").append(fmt(microsPerFrame(r)))
        .append(" | ").append(num(r.getDouble("serverRssMb", 0.0)))
        .append(" | ").append(r.containsKey("databaseCpuCores") ? fmt(r.getDouble("databaseCpuCores")) : "–")
        .append(" | ").append(watching == null ? "–" : num(watching.getDouble("messagesPerSec"))
            + " (" + watching.getInteger("attached") + " attached)")
        .append(" | ").append(watching == null ? "–" : fmt(watching.getDouble("bytesPerSec") / 1e6))
        .append(" | ").append(fmt(r.getDouble("generatorCpuCores", r.getDouble("clientCpuCores"))))
        .append(" | ").append(fmt(r.getDouble("otherCpuCores", 0.0))).append(" |\n");
  }

  private static void steady(StringBuilder t, Row row, JsonObject r) {
    JsonObject ack = r.getJsonObject("ack");
    JsonObject score = r.getJsonObject("score");
    boolean scored = score.getLong("count") > 0;
    t.append("| ").append(row.label()).append(" | ").append(row.system())
        .append(" | ").append(num(r.getDouble("sentPerSec"))).append(" | ").append(num(r.getDouble("receivedPerSec")))
        .append(" | ").append(fmt(ack.getDouble("p50"))).append(" | ").append(fmt(ack.getDouble("p90")))
        .append(" | ").append(fmt(ack.getDouble("p99"))).append(" | ").append(fmt(ack.getDouble("p999")))
        .append(" | ").append(fmt(ack.getDouble("max")))
        .append(" | ").append(scored ? fmt(score.getDouble("p50")) : "–")
        .append(" | ").append(scored ? fmt(score.getDouble("p99")) : "–")
        .append(" | ").append(r.getLong("errors") + r.getLong("unanswered") + r.getLong("notSent"))
        .append(" | ").append(fmt(r.getDouble("serverCpuCores", 0.0)))
        .append(" | ").append(fmt(microsPerFrame(r)))
        .append(" | ").append(num(r.getDouble("serverRssMb", 0.0)))
        .append(" | ").append(fmt(r.getDouble("generatorCpuCores", r.getDouble("clientCpuCores"))))
        .append(" | ").append(r.getJsonObject("clientGc").getLong("maxMs"))
        .append(" | ").append(fmt(r.getDouble("otherCpuCores", 0.0))).append(" |\n");
  }

  private static void ratio(StringBuilder t, JsonObject service, JsonObject echo) {
    JsonObject a = service.getJsonObject("ack");
    JsonObject b = echo.getJsonObject("ack");
    t.append("| | **CarePulse / echo** | | | **").append(times(a, b, "p50")).append("** | ").append(times(a, b, "p90"))
        .append(" | **").append(times(a, b, "p99")).append("** | ").append(times(a, b, "p999")).append(" | ")
        .append(times(a, b, "max")).append(" | | | | ")
        .append(fmt(service.getDouble("serverCpuCores", 0.0) / Math.max(0.01, echo.getDouble("serverCpuCores", 0.0))))
        .append("x | **").append(fmt(microsPerFrame(service) / Math.max(0.01, microsPerFrame(echo))))
        .append("x** | | | | |\n");
  }

  /** Server CPU time per frame sent, in microseconds: the steadiest figure on a shared machine. */
  static double microsPerFrame(JsonObject r) {
    double sent = r.getDouble("sentPerSec", 0.0);
    return sent <= 0 ? 0 : r.getDouble("serverCpuCores", 0.0) * 1e6 / sent;
  }

  private static String times(JsonObject a, JsonObject b, String key) {
    double denominator = b.getDouble(key);
    return denominator <= 0 ? "–" : fmt(a.getDouble(key) / denominator) + "x";
  }

  private static String fmt(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
