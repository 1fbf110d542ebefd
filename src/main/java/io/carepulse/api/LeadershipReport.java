package io.carepulse.api;

import io.carepulse.store.CallFacts;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CallState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  /** A call dipped when its lowest rolling score was at most this. */
  static final int DIP = 40;
  /** … and recovered when it ended at least this many points above its low. */
  static final int RECOVERY_POINTS = 20;

  private LeadershipReport() {
  }

  static JsonArray byAgent(List<CallFacts> facts) {
    return rows(facts, fact -> fact.call().agentId(), "agentId");
  }

  static JsonArray byTeam(List<CallFacts> facts) {
    return rows(facts, fact -> fact.call().teamId(), "teamId");
  }

  private static JsonArray rows(List<CallFacts> facts, Function<CallFacts, String> key, String keyName) {
    Map<String, List<CallFacts>> groups = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    facts.forEach(fact -> groups.computeIfAbsent(key.apply(fact), k -> new ArrayList<>()).add(fact));
    JsonArray rows = new JsonArray();
    groups.forEach((name, group) -> rows.add(row(group).put(keyName, name)));
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
