package io.carepulse.tools.devdata;

import io.carepulse.alert.AlertKind;
import io.carepulse.engine.CoreConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The labelled calls' figures for one model: twin orderings by more than 10 points, band placement, the share of
 * expected prompts that fired (a prompt of that kind within 30 s after the mark), and the prompts no good coach
 * would have raised, per well-handled call.
 */
final class CallsReport {

  static final double MARGIN = 10;
  static final long PROMPT_WINDOW_MS = 30_000;
  static final String[][] PAIRS = {{"caring", "cold"}, {"caring", "hollow"}, {"turnaround", "cold"},
      {"checked_hold", "silent_hold"}};

  record Figures(String model, int[] pairsWon, int[] pairsTotal, int caringHigh, int caring, int coldLow, int cold,
                 int ordinaryMiddle, int ordinary, int expectedFired, int expected, int unexpectedWellHandled,
                 int wellHandled, Map<String, int[]> recallByKind, int[] lowScoreAlerts, int[] sharpDropAlerts,
                 List<String> misses) {
  }

  /** Calls a supervisor should be alerted to: the customer was let down. */
  static final Set<String> TROUBLED = Set.of("cold", "hollow", "lost", "silent_hold");

  static Figures measure(String label, List<LabelledCall> calls, CoreConfig config) {
    Map<String, ScoredCall> scored = new HashMap<>();
    for (LabelledCall call : calls) {
      scored.put(call.id(), ScoredCall.run("call-" + call.id(), call.frames(), config));
    }
    int[] won = new int[PAIRS.length];
    int[] total = new int[PAIRS.length];
    List<String> misses = new ArrayList<>();
    for (int p = 0; p < PAIRS.length; p++) {
      for (LabelledCall a : calls) {
        if (!a.kind().equals(PAIRS[p][0])) {
          continue;
        }
        for (LabelledCall b : calls) {
          if (b.kind().equals(PAIRS[p][1]) && b.group().equals(a.group())) {
            total[p]++;
            double gap = scored.get(a.id()).callScore() - scored.get(b.id()).callScore();
            if (gap > MARGIN) {
              won[p]++;
            } else {
              misses.add(String.format(Locale.ROOT, "%s %d vs %s %d", a.id(), (int) scored.get(a.id()).callScore(),
                  b.id(), (int) scored.get(b.id()).callScore()));
            }
          }
        }
      }
    }
    int caringHigh = 0, caring = 0, coldLow = 0, cold = 0, ordinaryMiddle = 0, ordinary = 0;
    int expectedFired = 0, expected = 0, unexpected = 0, wellHandled = 0;
    Map<String, int[]> byKind = new java.util.TreeMap<>();
    // [well-handled calls alerted, well-handled calls, troubled calls alerted, troubled calls]
    int[] low = new int[4];
    int[] drop = new int[4];
    for (LabelledCall call : calls) {
      ScoredCall s = scored.get(call.id());
      int side = call.wellHandled() ? 0 : TROUBLED.contains(call.kind()) ? 2 : -1;
      if (side >= 0) {
        low[side] += s.alerts().contains(AlertKind.LOW_SCORE) ? 1 : 0;
        low[side + 1]++;
        drop[side] += s.alerts().contains(AlertKind.SHARP_DROP) ? 1 : 0;
        drop[side + 1]++;
      }
      double score = s.callScore();
      misses.add(String.format(Locale.ROOT, "%s %s ends %d", call.kind(), call.id(), (int) score));
      switch (call.kind()) {
        case "caring" -> {
          caring++;
          caringHigh += score >= 75 ? 1 : 0;
        }
        case "cold" -> {
          cold++;
          coldLow += score <= 35 ? 1 : 0;
        }
        case "ordinary" -> {
          ordinary++;
          ordinaryMiddle += score > 35 && score < 75 ? 1 : 0;
        }
        default -> {
        }
      }
      for (LabelledCall.Expected mark : call.expected()) {
        expected++;
        int[] k = byKind.computeIfAbsent(mark.kind(), x -> new int[2]);
        k[1]++;
        boolean fired = s.prompts().stream().anyMatch(p -> p.kind().equals(mark.kind()) && p.atMs() >= mark.fromMs()
            && p.atMs() <= mark.atMs() + PROMPT_WINDOW_MS);
        if (fired) {
          expectedFired++;
          k[0]++;
        } else {
          misses.add(call.id() + " missed " + mark.kind() + " at " + mark.atMs() / 1000 + " s");
        }
      }
      if (call.wellHandled()) {
        wellHandled++;
        for (ScoredCall.Shown shown : s.prompts()) {
          boolean wanted = call.expected().stream().anyMatch(m -> m.kind().equals(shown.kind())
              && shown.atMs() >= m.fromMs() && shown.atMs() <= m.atMs() + PROMPT_WINDOW_MS);
          if (!wanted) {
            unexpected++;
            misses.add(call.id() + " (well handled) unexpected " + shown.kind() + " at " + shown.atMs() / 1000 + " s");
          }
        }
      }
    }
    return new Figures(label, won, total, caringHigh, caring, coldLow, cold, ordinaryMiddle, ordinary, expectedFired,
        expected, unexpected, wellHandled, byKind, low, drop, misses);
  }

  static void print(PrintWriter out, String title, List<Figures> models) {
    out.printf(Locale.ROOT, "%n%s%n", title);
    out.printf(Locale.ROOT, "%-34s", "measure");
    for (Figures f : models) {
      out.printf(Locale.ROOT, " %14s", f.model());
    }
    out.println();
    for (int p = 0; p < PAIRS.length; p++) {
      out.printf(Locale.ROOT, "%-34s", PAIRS[p][0] + " > " + PAIRS[p][1] + " by >10");
      for (Figures f : models) {
        out.printf(Locale.ROOT, " %14s", f.pairsWon()[p] + "/" + f.pairsTotal()[p]);
      }
      out.println();
    }
    row(out, "caring calls ending >= 75", models, f -> f.caringHigh() + "/" + f.caring());
    row(out, "cold calls ending <= 35", models, f -> f.coldLow() + "/" + f.cold());
    row(out, "ordinary calls in 36..74", models, f -> f.ordinaryMiddle() + "/" + f.ordinary());
    row(out, "expected prompts fired", models, f -> String.format(Locale.ROOT, "%d/%d %.0f%%", f.expectedFired(),
        f.expected(), 100.0 * f.expectedFired() / Math.max(1, f.expected())));
    row(out, "unexpected prompts / well-handled", models, f -> String.format(Locale.ROOT, "%.2f (%d/%d)",
        (double) f.unexpectedWellHandled() / Math.max(1, f.wellHandled()), f.unexpectedWellHandled(),
        f.wellHandled()));
    row(out, "low_score alert: well-handled calls", models, f -> f.lowScoreAlerts()[0] + "/" + f.lowScoreAlerts()[1]);
    row(out, "low_score alert: troubled calls", models, f -> f.lowScoreAlerts()[2] + "/" + f.lowScoreAlerts()[3]);
    row(out, "sharp_drop alert: well-handled", models, f -> f.sharpDropAlerts()[0] + "/" + f.sharpDropAlerts()[1]);
    row(out, "sharp_drop alert: troubled calls", models, f -> f.sharpDropAlerts()[2] + "/" + f.sharpDropAlerts()[3]);
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    models.forEach(f -> kinds.addAll(f.recallByKind().keySet()));
    for (String kind : kinds) {
      row(out, "  fired: " + kind, models, f -> {
        int[] k = f.recallByKind().getOrDefault(kind, new int[2]);
        return k[0] + "/" + k[1];
      });
    }
  }

  private static void row(PrintWriter out, String name, List<Figures> models,
                          java.util.function.Function<Figures, String> cell) {
    out.printf(Locale.ROOT, "%-34s", name);
    for (Figures f : models) {
      out.printf(Locale.ROOT, " %14s", cell.apply(f));
    }
    out.println();
  }
}
