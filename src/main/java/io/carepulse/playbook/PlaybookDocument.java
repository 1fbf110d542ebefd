package io.carepulse.playbook;

import io.carepulse.alert.AlertSettings;
import io.carepulse.coach.CoachingPolicy;
import io.carepulse.coach.Holdout;
import io.carepulse.coach.PromptKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A team playbook as the contract shapes it (schema Playbook) and what it means for the core: a
 * {@link CoachingPolicy}, plus the alert thresholds the supervisor feed reads. Settings a team leaves out take the
 * defaults, so the stored document holds only what the team chose and {@link #effective} fills in the rest.
 */
public final class PlaybookDocument {

  /** A cooldown this long means "once per call": no call lasts a day. */
  static final long ONCE_PER_CALL_MS = 86_400_000L;

  /** The experiment id a team's holdout runs under until it names its own. */
  public static final String DEFAULT_EXPERIMENT = "uplift-1";

  /** Alert thresholds a team gets until it sets its own. */
  public static final JsonObject DEFAULT_ALERTS = alertThresholds(AlertSettings.defaults());

  private PlaybookDocument() {
  }

  /** Every setting, from {@code policy} and the default alert thresholds. */
  public static JsonObject defaults() {
    CoachingPolicy policy = CoachingPolicy.defaults();
    JsonObject cooldowns = new JsonObject();
    new java.util.TreeMap<>(policy.cooldownMs()).forEach((kind, ms) -> cooldowns.put(kind.wire(),
        Math.min(ms, ONCE_PER_CALL_MS)));
    JsonArray enabled = new JsonArray();
    for (PromptKind kind : PromptKind.values()) {
      if (policy.isEnabled(kind)) {
        enabled.add(kind.wire());
      }
    }
    JsonObject texts = new JsonObject();
    for (PromptKind kind : PromptKind.values()) {
      texts.put(kind.wire(), policy.text(kind));
    }
    return new JsonObject()
        .put("coaching", new JsonObject()
            .put("checkInSilenceMs", policy.checkInSilenceMs())
            .put("useNameAfterAgentTurns", policy.useNameAfterAgentTurns())
            .put("useNameAfterMs", policy.useNameAfterMs())
            .put("sympathyWithoutActionCount", policy.sympathyWithoutActionCount()))
        .put("attentionBudget", new JsonObject()
            .put("minGapMs", policy.minGapMs())
            .put("defaultCooldownMs", policy.defaultCooldownMs())
            .put("cooldownMs", cooldowns)
            .put("perCallCap", policy.perCallCap())
            .put("staleAfterMs", policy.staleAfterMs())
            .put("feedbackCooldownFactor", policy.feedbackCooldownFactor()))
        .put("prompts", new JsonObject().put("enabled", enabled).put("texts", texts))
        .put("alerts", DEFAULT_ALERTS.copy())
        .put("holdout", new JsonObject().put("share", 0.0).put("experiment", DEFAULT_EXPERIMENT));
  }

  /**
   * The uplift experiment of an effective document (docs/uplift.md); IllegalArgumentException when out of range.
   * A team that changes its share should also name a new experiment, so the report never mixes two splits.
   */
  public static Holdout holdout(JsonObject effective) {
    JsonObject holdout = effective.getJsonObject("holdout");
    return new Holdout(holdout.getString("experiment"), holdout.getDouble("share"));
  }

  /**
   * The defaults overlaid with what the team set: section by section, setting by setting; per-kind cooldowns and
   * texts merge by kind; the enabled list is replaced as a whole.
   */
  public static JsonObject effective(JsonObject chosen) {
    JsonObject effective = defaults();
    for (String section : effective.fieldNames()) {
      JsonObject mine = chosen.getJsonObject(section);
      if (mine == null) {
        continue;
      }
      JsonObject target = effective.getJsonObject(section);
      for (String key : mine.fieldNames()) {
        Object value = mine.getValue(key);
        if (value instanceof JsonObject nested && target.getValue(key) instanceof JsonObject base) {
          base.mergeIn(nested);
        } else {
          target.put(key, value);
        }
      }
    }
    return effective;
  }

  /** The thresholds a playbook may set, as the playbook document names them. */
  private static JsonObject alertThresholds(AlertSettings settings) {
    return new JsonObject()
        .put("lowScore", settings.lowScore()).put("lowScoreForMs", settings.lowScoreForMs())
        .put("sharpDropPoints", settings.sharpDropPoints()).put("sharpDropWindowMs", settings.sharpDropWindowMs())
        .put("longHoldMs", settings.longHoldMs()).put("promptsIgnored", settings.promptsIgnored());
  }

  /** The alert settings of an effective document; IllegalArgumentException when a threshold is out of range. */
  public static AlertSettings alerts(JsonObject effective) {
    JsonObject alerts = effective.getJsonObject("alerts");
    return AlertSettings.defaults().withThresholds(alerts.getInteger("lowScore"), alerts.getLong("lowScoreForMs"),
        alerts.getInteger("sharpDropPoints"), alerts.getLong("sharpDropWindowMs"), alerts.getLong("longHoldMs"),
        alerts.getInteger("promptsIgnored"));
  }

  /** The coaching policy of an effective document; IllegalArgumentException when the combination is not valid. */
  public static CoachingPolicy policy(JsonObject effective) {
    JsonObject coaching = effective.getJsonObject("coaching");
    JsonObject budget = effective.getJsonObject("attentionBudget");
    JsonObject prompts = effective.getJsonObject("prompts");
    Map<PromptKind, Long> cooldowns = new EnumMap<>(PromptKind.class);
    budget.getJsonObject("cooldownMs").forEach(entry -> {
      long ms = ((Number) entry.getValue()).longValue();
      cooldowns.put(PromptKind.fromWire(entry.getKey()), ms >= ONCE_PER_CALL_MS ? Long.MAX_VALUE : ms);
    });
    Set<PromptKind> enabled = EnumSet.noneOf(PromptKind.class);
    prompts.getJsonArray("enabled").forEach(kind -> enabled.add(PromptKind.fromWire((String) kind)));
    Map<PromptKind, String> texts = new EnumMap<>(PromptKind.class);
    prompts.getJsonObject("texts").forEach(entry -> texts.put(PromptKind.fromWire(entry.getKey()), (String) entry.getValue()));
    return new CoachingPolicy(
        budget.getLong("minGapMs"), budget.getLong("defaultCooldownMs"), cooldowns, budget.getInteger("perCallCap"),
        budget.getLong("staleAfterMs"), coaching.getLong("checkInSilenceMs"), coaching.getInteger("useNameAfterAgentTurns"),
        coaching.getLong("useNameAfterMs"), coaching.getInteger("sympathyWithoutActionCount"),
        budget.getDouble("feedbackCooldownFactor"), enabled, texts,
        Math.min(budget.getLong("minGapMs"), CoachingPolicy.defaults().urgentGapMs()));
  }
}
