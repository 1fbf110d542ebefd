package io.carepulse.playbook;

import io.carepulse.alert.AlertSettings;
import io.carepulse.alert.TeamAlertSettings;
import io.carepulse.engine.CoreConfig;
import io.carepulse.live.TeamSettings;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.Playbook;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Team settings from the playbooks: what a call gets is looked up once, when it starts, so a changed playbook
 * applies to calls that start after the change. Read on every event loop, written by the playbook API: a concurrent
 * map of immutable configs.
 */
public final class PlaybookSettings implements TeamSettings, TeamAlertSettings {

  /** Published on the event bus after a change: {@code {teamId, version, playbook}} (the effective document). */
  public static final String CHANGED_ADDRESS = "carepulse.playbooks";

  private final CoreConfig base;
  private final Map<String, CoreConfig> byTeam = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> alertsByTeam = new ConcurrentHashMap<>();
  private final Map<String, AlertSettings> alertSettingsByTeam = new ConcurrentHashMap<>();

  public PlaybookSettings(CoreConfig base) {
    this.base = base;
  }

  /** Loads every stored playbook; call before the service takes calls. */
  public Future<PlaybookSettings> load(CarePulseStore store) {
    return store.playbooks().map(all -> {
      all.forEach(this::apply);
      return this;
    });
  }

  @Override
  public CoreConfig coreConfigFor(String teamId) {
    return teamId == null ? base : byTeam.getOrDefault(teamId, base);
  }

  /** The team's alert thresholds (schema Playbook.alerts), defaults filled in. */
  public JsonObject alertThresholds(String teamId) {
    JsonObject alerts = teamId == null ? null : alertsByTeam.get(teamId);
    return (alerts == null ? PlaybookDocument.DEFAULT_ALERTS : alerts).copy();
  }

  /** The alert rules' settings for a team's calls: its playbook's thresholds over the defaults. */
  @Override
  public AlertSettings forTeam(String teamId) {
    AlertSettings settings = teamId == null ? null : alertSettingsByTeam.get(teamId);
    return settings == null ? AlertSettings.forModel(base.modelId()) : settings;
  }

  /** Makes {@code playbook} the team's settings for calls that start from now on. */
  public void apply(Playbook playbook) {
    JsonObject effective = PlaybookDocument.effective(playbook.document());
    byTeam.put(playbook.teamId(), base.withCoaching(PlaybookDocument.policy(effective))
        .withHoldout(PlaybookDocument.holdout(effective)));
    alertsByTeam.put(playbook.teamId(), effective.getJsonObject("alerts"));
    alertSettingsByTeam.put(playbook.teamId(), PlaybookDocument.alerts(effective));
  }
}
