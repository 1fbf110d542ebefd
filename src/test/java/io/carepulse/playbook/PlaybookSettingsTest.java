package io.carepulse.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.alert.AlertSettings;
import io.carepulse.engine.CoreConfig;
import io.carepulse.store.Playbook;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PlaybookSettingsTest {

  @Test
  void aTeamsAlertThresholdsReachTheAlertRules_otherTeamsKeepTheDefaults() {
    PlaybookSettings settings = new PlaybookSettings(CoreConfig.defaults());
    JsonObject document = new JsonObject().put("alerts", new JsonObject().put("lowScore", 30).put("longHoldMs", 90_000));
    settings.apply(new Playbook("team-a", 2, document, Instant.EPOCH, "supervisor-1"));

    AlertSettings teamA = settings.forTeam("team-a");
    assertThat(teamA.lowScore()).isEqualTo(30);
    assertThat(teamA.longHoldMs()).isEqualTo(90_000);
    assertThat(teamA.sharpDropPoints()).isEqualTo(AlertSettings.defaults().sharpDropPoints());
    assertThat(settings.forTeam("team-b")).isEqualTo(AlertSettings.defaults());
    assertThat(settings.forTeam(null)).isEqualTo(AlertSettings.defaults());
  }

  @Test
  void aTeamsCoachingPolicyAppliesToItsCallsOnly() {
    PlaybookSettings settings = new PlaybookSettings(CoreConfig.defaults());
    JsonObject document = new JsonObject().put("attentionBudget", new JsonObject().put("perCallCap", 2));
    settings.apply(new Playbook("team-a", 1, document, Instant.EPOCH, "supervisor-1"));

    assertThat(settings.coreConfigFor("team-a").coaching().perCallCap()).isEqualTo(2);
    assertThat(settings.coreConfigFor("team-b").coaching().perCallCap())
        .isEqualTo(io.carepulse.coach.CoachingPolicy.defaults().perCallCap());
  }
}
