package io.carepulse.api;

import io.carepulse.store.CallFacts;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CallState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The culture report a head of service takes to the board: per agent or per team, how many calls, how the score was
 * spread, how often a call that dipped came back, how much coaching the agents got and found helpful, and kudos.
 * Pure: facts in, JSON out. The definitions are in the contract (schema Leadership).
 */
final class LeadershipReport {

  /** A series never has more points than this: the latest ones (ten years of weeks). */
  static final int MAX_POINTS = 520;

  /** A call dipped when its lowest rolling score was at most this. */
  static final int DIP = 40;
  /** … and recovered when it ended at least this many points above its low. */
  static final int RECOVERY_POINTS = 20;

  private LeadershipReport() {
  }

  /** The periods a series covers; null for a report without one. */
  record Periods(ReportBucket bucket, List<Instant> starts) {

    /**
     * From the period of {@code from} (else of the first call) through the period of the instant before {@code to}
     * (else of {@code now}), at most {@link #MAX_POINTS}, the latest.
     */
    static Periods of(ReportBucket bucket, Instant from, Instant to, Instant now, List<CallFacts> facts) {
      if (bucket == null) {
        return null;
      }
      Instant first = from != null ? from
          : facts.stream().map(f -> f.call().startedAt()).min(Comparator.naturalOrder()).orElse(null);
      if (first == null) {
        return new Periods(bucket, List.of());
      }
      Instant last = to != null ? to.minusMillis(1) : now;
      List<Instant> starts = new ArrayList<>();
      for (Instant start = bucket.start(first); !start.isAfter(last); start = bucket.next(start)) {
        starts.add(start);
      }
      return new Periods(bucket, starts.size() <= MAX_POINTS ? starts
          : List.copyOf(starts.subList(starts.size() - MAX_POINTS, starts.size())));
    }

    /** Each period's figures over the facts that started in it; periods without calls carry zeros and nulls. */
    JsonArray series(List<CallFacts> facts) {
      JsonArray points = new JsonArray();
      for (Instant start : starts) {
        Instant end = bucket.next(start);
        List<CallFacts> inPeriod = facts.stream()
            .filter(f -> !f.call().startedAt().isBefore(start) && f.call().startedAt().isBefore(end)).toList();
        points.add(row(inPeriod).put("start", ApiJson.time(start)).put("end", ApiJson.time(end)));
      }
      return points;
    }
  }

  static JsonArray byAgent(List<CallFacts> facts) {
    return byAgent(facts, null);
  }

  static JsonArray byTeam(List<CallFacts> facts) {
    return byTeam(facts, null);
  }

  /** Per agent, with the teams of the agent's calls, and with a series when {@code periods} is given. */
  static JsonArray byAgent(List<CallFacts> facts, Periods periods) {
    return rows(facts, fact -> fact.call().agentId(), "agentId", periods, (row, group) -> row.put("teams",
        new JsonArray(group.stream().map(f -> f.call().teamId()).filter(java.util.Objects::nonNull).distinct()
            .sorted().toList())));
  }

  static JsonArray byTeam(List<CallFacts> facts, Periods periods) {
    return rows(facts, fact -> fact.call().teamId(), "teamId", periods, (row, group) -> row);
  }

  private static JsonArray rows(List<CallFacts> facts, Function<CallFacts, String> key, String keyName,
                                Periods periods, java.util.function.BiFunction<JsonObject, List<CallFacts>, JsonObject> more) {
    Map<String, List<CallFacts>> groups = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    facts.forEach(fact -> groups.computeIfAbsent(key.apply(fact), k -> new ArrayList<>()).add(fact));
    JsonArray rows = new JsonArray();
    groups.forEach((name, group) -> {
      JsonObject row = more.apply(row(group).put(keyName, name), group);
      if (periods != null) {
        row.put("series", periods.series(group));
      }
      rows.add(row);
    });
    return rows;
  }

  static JsonObject row(List<CallFacts> facts) {
    int ended = 0;
    double scoreSum = 0;
    int[] distribution = new int[CalibrationReport.BANDS.length];
    int dipped = 0;
    int recovered = 0;
    int prompts = 0;
    int helpful = 0;
    int unhelpful = 0;
    int dismissed = 0;
    int kudos = 0;
    for (CallFacts fact : facts) {
      prompts += fact.prompts();
      helpful += fact.helpful();
      unhelpful += fact.unhelpful();
      dismissed += fact.dismissed();
      kudos += fact.kudos();
      CallRecord call = fact.call();
      if (call.state() != CallState.ENDED || call.summary() == null) {
        continue;
      }
      ended++;
      int score = call.summary().callScore();
      scoreSum += score;
      for (int b = 0; b < CalibrationReport.BANDS.length; b++) {
        if (score >= CalibrationReport.BANDS[b][0] && score <= CalibrationReport.BANDS[b][1]) {
          distribution[b]++;
        }
      }
      int low = call.summary().minScore();
      if (low <= DIP) {
        dipped++;
        if (call.summary().score() >= low + RECOVERY_POINTS) {
          recovered++;
        }
      }
    }
    JsonArray bands = new JsonArray();
    for (int count : distribution) {
      bands.add(count);
    }
    return new JsonObject()
        .put("calls", facts.size())
        .put("endedCalls", ended)
        .put("meanCallScore", ended == 0 ? null : ApiJson.number(scoreSum / ended))
        .put("distribution", bands)
        .put("recoveryRate", dipped == 0 ? null : ApiJson.number((double) recovered / dipped))
        .put("prompts", prompts)
        .put("promptsHelpful", helpful)
        .put("promptsUnhelpful", unhelpful)
        .put("promptsDismissed", dismissed)
        .put("helpfulness", helpful + unhelpful == 0 ? null : ApiJson.number((double) helpful / (helpful + unhelpful)))
        .put("kudos", kudos);
  }
}
