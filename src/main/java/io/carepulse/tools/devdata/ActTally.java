package io.carepulse.tools.devdata;

import io.carepulse.acts.Act;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Per-act counts of true and false positives and misses over a set of utterances, and the figures from them. */
public final class ActTally {

  private final int[] truePositive = new int[Act.values().length];
  private final int[] falsePositive = new int[Act.values().length];
  private final int[] falseNegative = new int[Act.values().length];
  private int utterances;

  public void add(ActExample example, Set<Act> predicted) {
    utterances++;
    for (Act act : Act.values()) {
      if (act.speaker() != example.speaker()) {
        continue;
      }
      boolean truth = example.has(act);
      boolean said = predicted.contains(act);
      if (truth && said) {
        truePositive[act.ordinal()]++;
      } else if (said) {
        falsePositive[act.ordinal()]++;
      } else if (truth) {
        falseNegative[act.ordinal()]++;
      }
    }
  }

  public int utterances() {
    return utterances;
  }

  public int support(Act act) {
    return truePositive[act.ordinal()] + falseNegative[act.ordinal()];
  }

  public double precision(Act act) {
    int said = truePositive[act.ordinal()] + falsePositive[act.ordinal()];
    return said == 0 ? 0 : (double) truePositive[act.ordinal()] / said;
  }

  public double recall(Act act) {
    int support = support(act);
    return support == 0 ? 0 : (double) truePositive[act.ordinal()] / support;
  }

  public double f1(Act act) {
    int tp = truePositive[act.ordinal()];
    int denominator = 2 * tp + falsePositive[act.ordinal()] + falseNegative[act.ordinal()];
    return denominator == 0 ? 0 : 2.0 * tp / denominator;
  }

  /** Mean F1 over the acts among {@code acts} that occur at least once here. */
  public double macroF1(List<Act> acts) {
    double sum = 0;
    int n = 0;
    for (Act act : acts) {
      if (support(act) > 0) {
        sum += f1(act);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * A table with one row per act and one column group per tally: {@code act | P R F1 n | P R F1 n …}, then the
   * macro-F1 over the acts present.
   */
  public static void print(PrintWriter out, List<Act> acts, Map<String, ActTally> columns) {
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s", "act"));
    for (String name : columns.keySet()) {
      header.append(String.format(Locale.ROOT, " | %-24s", name));
    }
    out.println(header);
    StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, "%-16s", ""));
    for (int i = 0; i < columns.size(); i++) {
      sub.append(String.format(Locale.ROOT, " | %5s %5s %5s %5s ", "P", "R", "F1", "n"));
    }
    out.println(sub);
    for (Act act : acts) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s", act.wire()));
      for (ActTally t : columns.values()) {
        if (t.support(act) == 0) {
          int wrong = t.falsePositive[act.ordinal()];
          row.append(String.format(Locale.ROOT, " | %-17s %5d ", wrong == 0 ? "    -     -     -" : "    - (" + wrong
              + " false)", 0));
        } else {
          row.append(String.format(Locale.ROOT, " | %5.2f %5.2f %5.2f %5d ", t.precision(act), t.recall(act),
              t.f1(act), t.support(act)));
        }
      }
      out.println(row);
    }
    StringBuilder macro = new StringBuilder(String.format(Locale.ROOT, "%-16s", "macro-F1"));
    for (ActTally t : columns.values()) {
      macro.append(String.format(Locale.ROOT, " | %17.3f %5d ", t.macroF1(acts), t.utterances()));
    }
    out.println(macro);
    out.flush();
  }
}
