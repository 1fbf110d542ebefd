package io.carepulse.api;

import io.carepulse.stats.Interval;
import io.carepulse.stats.RankStatistics;
import io.carepulse.store.CallFacts;
import io.carepulse.store.CallState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Does the "I care" score predict what customers say? Pairs each ended call's callScore with the CSAT of its latest
 * outcome and reports Spearman and Pearson correlations with 95% intervals, overall, per team and per agent, plus
 * the mean CSAT per score band. Pure: facts in, JSON out.
 */
final class CalibrationReport {

  /** Score bands [low, high]: fifths of the scale, the last one closed at 100. */
  static final int[][] BANDS = {{0, 19}, {20, 39}, {40, 59}, {60, 79}, {80, 100}};

  record Pair(String teamId, String agentId, double score, double csat) {
  }

  private CalibrationReport() {
  }

  static List<Pair> pairs(List<CallFacts> facts) {
    List<Pair> pairs = new ArrayList<>();
    for (CallFacts fact : facts) {
      if (fact.call().state() == CallState.ENDED && fact.call().callScore() != null && fact.outcome() != null
          && fact.outcome().csat() != null) {
        pairs.add(new Pair(fact.call().teamId(), fact.call().agentId(), fact.call().callScore(), fact.outcome().csat()));
      }
    }
    return pairs;
  }

  static JsonObject of(List<CallFacts> facts) {
    List<Pair> pairs = pairs(facts);
    JsonArray teams = new JsonArray();
    grouped(pairs, Pair::teamId).forEach((team, group) -> teams.add(correlation(group).put("teamId", team)));
    JsonArray agents = new JsonArray();
    grouped(pairs, Pair::agentId).forEach((agent, group) -> agents.add(correlation(group).put("agentId", agent)));
    JsonArray bands = new JsonArray();
    for (int[] band : BANDS) {
      double sum = 0;
      int n = 0;
      int[] counts = new int[5];
      for (Pair pair : pairs) {
        if (pair.score() >= band[0] && pair.score() <= band[1]) {
          sum += pair.csat();
          n++;
          int csat = (int) Math.round(pair.csat());
          if (csat >= 1 && csat <= 5) {
            counts[csat - 1]++;
          }
        }
      }
      JsonArray csatCounts = new JsonArray();
      for (int count : counts) {
        csatCounts.add(count);
      }
      bands.add(new JsonObject().put("low", band[0]).put("high", band[1]).put("n", n)
          .put("meanCsat", n == 0 ? null : ApiJson.number(sum / n)).put("csatCounts", csatCounts));
    }
    return new JsonObject().put("overall", correlation(pairs)).put("teams", teams).put("agents", agents)
        .put("bands", bands);
  }

  static JsonObject correlation(List<Pair> pairs) {
    double[] scores = pairs.stream().mapToDouble(Pair::score).toArray();
    double[] csat = pairs.stream().mapToDouble(Pair::csat).toArray();
    double rho = RankStatistics.spearman(scores, csat);
    double r = RankStatistics.pearson(scores, csat);
    return new JsonObject()
        .put("n", pairs.size())
        .put("spearman", coefficient(rho, RankStatistics.spearmanInterval(rho, pairs.size())))
        .put("pearson", coefficient(r, RankStatistics.pearsonInterval(r, pairs.size())));
  }

  private static JsonObject coefficient(double value, Interval interval) {
    return new JsonObject().put("value", ApiJson.number(value)).put("ci95", interval.defined()
        ? new JsonArray().add(ApiJson.number(interval.low())).add(ApiJson.number(interval.high())) : null);
  }

  /** Groups by key in key order; a null key (a call without a team) sorts first. */
  private static Map<String, List<Pair>> grouped(List<Pair> pairs, Function<Pair, String> key) {
    Map<String, List<Pair>> groups = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    pairs.forEach(pair -> groups.computeIfAbsent(key.apply(pair), k -> new ArrayList<>()).add(pair));
    return groups;
  }
}
