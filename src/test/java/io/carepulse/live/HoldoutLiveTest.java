package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.carepulse.coach.Holdout;
import io.carepulse.playbook.PlaybookSettings;
import io.carepulse.store.Playbook;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A team running an uplift experiment: the agent's client and the supervisors learn each call's arm at its start. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HoldoutLiveTest extends LiveServiceTest {

  @Test
  void theAgentIsToldTheCallsArmBeforeItsFirstAck_andSupervisorsSeeIt() {
    start();
    JsonObject document = new JsonObject().put("holdout", new JsonObject().put("share", 0.5).put("experiment", "e-1"));
    ((PlaybookSettings) service.calls().teamSettings())
        .apply(new Playbook("team-a", 1, document, Instant.now(), "test"));
    Holdout holdout = new Holdout("e-1", 0.5);
    String control = firstIn(holdout, Holdout.Arm.CONTROL);
    String treated = firstIn(holdout, Holdout.Arm.TREATED);

    AgentClient agent = agent("agent-a");
    agent.send(callStart(control));
    assertThat(agent.expect("holdout")).isEqualTo(new JsonObject().put("type", "holdout").put("callId", control)
        .put("experiment", "e-1").put("arm", "control").put("prompts", false));
    agent.expect("score");
    agent.expect("ack");
    agent.send(callStart(treated));
    assertThat(agent.expect("holdout").getString("arm")).isEqualTo("treated");
    agent.awaitAck(treated, 1);

    SupervisorClient supervisor = SupervisorClient.connect(vertx, port(),
        service.jwt().mint("sup-a", Role.SUPERVISOR, List.of("team-a"), Duration.ofMinutes(5)));
    supervisor.expect("welcome");
    JsonObject snapshot = supervisor.expect("snapshot");
    for (Object row : snapshot.getJsonArray("calls")) {
      JsonObject call = (JsonObject) row;
      String arm = call.getString("callId").equals(control) ? "control" : "treated";
      assertThat(call.getJsonObject("holdout")).isEqualTo(new JsonObject().put("experiment", "e-1").put("arm", arm));
    }
    assertThat(snapshot.getJsonArray("calls")).hasSize(2);
    supervisor.close();
  }

  @Test
  void aTeamWithoutAnExperimentGetsNoHoldoutFrame() {
    start();
    AgentClient agent = agent("agent-a");
    agent.send(callStart("plain-1"));
    agent.expect("score");
    agent.expect("ack");
  }

  private static String firstIn(Holdout holdout, Holdout.Arm arm) {
    for (int i = 0; ; i++) {
      if (holdout.assign("live-" + i).orElseThrow().arm() == arm) {
        return "live-" + i;
      }
    }
  }
}
