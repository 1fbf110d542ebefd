package io.carepulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command as a user runs it, against the fake endpoint; the command's own thread may wait, the test's too. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulateCommandTest {

  private Vertx vertx;
  private FakeAgentServer server;
  private int port;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = new FakeAgentServer(vertx);
    port = server.start().await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private int simulate(String... args) {
    CommandLine commandLine = new CommandLine(new SimulateCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void streamsADirectoryOfReplayFilesAndExitsZeroWhenEveryCallCompletes(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("angry.jsonl"), SimulationTest.ANGRY_CALL + "\n");
    Files.writeString(dir.resolve("calm.jsonl"), SimulationTest.CALM_CALL + "\n");
    int status = simulate("--url", server.url(port), "--token", FakeAgentServer.TOKEN, "--speed", "0", "--calls", "4",
        dir.toString());
    assertThat(status).as(out + "\n" + err).isZero();
    assertThat(server.applied).hasSize(4);
    assertThat(out.toString()).contains(">>> PROMPT acknowledge_feelings").contains("4 calls: 4 completed, 0 failed");
  }

  @Test
  void quietPrintsOnlyTheSummary(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("angry.jsonl");
    Files.writeString(file, SimulationTest.ANGRY_CALL);
    int status = simulate("--url", server.url(port), "--token", FakeAgentServer.TOKEN, "--speed", "0", "--quiet",
        file.toString());
    assertThat(status).isZero();
    assertThat(out.toString()).doesNotContain("score 4").doesNotContain("PROMPT")
        .contains("completed").contains("acknowledge_feelings");
  }

  @Test
  void aRejectedTokenExitsNonZero(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("calm.jsonl");
    Files.writeString(file, SimulationTest.CALM_CALL);
    int status = simulate("--url", server.url(port), "--token", "forged", "--speed", "0", file.toString());
    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("FAILED").contains("unauthorized");
  }

  @Test
  void withoutATokenItSaysHowToGetOne() {
    int status = simulate("--url", server.url(port), "--token", " ");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--token").contains("CAREPULSE_AGENT_TOKEN").contains("--secret");
  }

  @Test
  void aReplayFileWithAHoleInItsSeqIsRefusedUpFront(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{\"type\":\"call.start\",\"callId\":\"x\",\"seq\":1,\"ts\":1}\n"
        + "{\"type\":\"call.end\",\"callId\":\"x\",\"seq\":3,\"ts\":2}\n");
    int status = simulate("--url", server.url(port), "--token", FakeAgentServer.TOKEN, file.toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("broken.jsonl:2").contains("seq 3");
  }

  @Test
  void theBundledSamplesAreWholeCallsThatStartAtSeqOne() {
    List<ReplayScript> samples = ReplayScripts.bundledSamples();
    assertThat(samples).hasSize(40);
    for (ReplayScript sample : samples) {
      List<JsonObject> frames = sample.frames();
      assertThat(frames.get(0).getString("type")).isEqualTo("call.start");
      assertThat(frames.get(frames.size() - 1).getString("type")).isEqualTo("call.end");
      for (int i = 1; i < frames.size(); i++) {
        assertThat(frames.get(i).getLong("ts")).isGreaterThanOrEqualTo(frames.get(i - 1).getLong("ts"));
      }
    }
  }

  @Test
  void byDefault_theScriptedDemoCallsAndSevenHvbRecordings_thenTheCallIdsAndACurlForOne() {
    int status = simulate("--url", server.url(port), "--token", FakeAgentServer.TOKEN, "--secret", "", "--speed", "0",
        "--quiet");
    assertThat(status).as(out + "\n" + err).isZero();
    int demo = ReplayScripts.bundledDemo().size();
    assertThat(server.applied).hasSize(demo + 7);
    assertThat(server.applied.keySet()).filteredOn(id -> id.contains("-demo-")).hasSize(demo);
    assertThat(server.applied.keySet()).filteredOn(id -> id.contains("-hvb-")).hasSize(7);
    String first = server.applied.keySet().stream().filter(id -> id.matches("sim-[a-z0-9]+-1-.*")).findFirst()
        .orElseThrow();
    assertThat(out.toString())
        .contains("call ids (history of each: GET http://127.0.0.1:" + port + "/v1/calls/{callId}):")
        .contains("export CALL_ID=" + first)
        .contains("curl -H \"Authorization: Bearer $CAREPULSE_INTEGRATOR_TOKEN\" http://127.0.0.1:" + port
            + "/v1/calls/" + first)
        .contains("http://127.0.0.1:" + port + "/v1/calls/" + first + "/outcome");
    server.applied.keySet().forEach(id -> assertThat(out.toString()).contains(id));
  }

  @Test
  void withTheDevelopmentSecret_eachCallRunsAsItsOwnAgentInItsOwnTeam() {
    server.accepting(token -> token.startsWith("eyJ"));
    int status = simulate("--url", server.url(port), "--secret", "test-secret-test-secret-test-secret-0001",
        "--speed", "0", "--quiet", "--calls", "6");
    assertThat(status).as(out + "\n" + err).isZero();
    List<JsonObject> claims = server.received.stream().filter(f -> "hello".equals(f.getString("type")))
        .map(hello -> new JsonObject(new String(java.util.Base64.getUrlDecoder()
            .decode(hello.getString("token").split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)))
        .toList();
    assertThat(claims).extracting(c -> c.getString("sub")).contains("priya", "tom", "sam", "maya", "elizabeth");
    assertThat(claims).allSatisfy(c -> assertThat(c.getString("role")).isEqualTo("agent"));
    assertThat(claims).extracting(c -> c.getJsonArray("teams").getString(0)).contains("demo", "hvb");
    assertThat(out.toString()).contains("each as its own agent").contains("priya@demo").contains("elizabeth@hvb");
  }

  @Test
  void helpGivesEveryDefault() {
    simulate("--help");
    assertThat(out.toString()).contains("(default: 1)").contains("(default: 10)")
        .contains("$CAREPULSE_AGENT_TOKEN").contains("$CAREPULSE_DEV_SECRET").contains("--outcomes");
  }

  @Test
  void theRestApiIsBesideTheAgentEndpoint() {
    assertThat(SimulateCommand.apiBase("ws://localhost:8080/v1/agent")).isEqualTo("http://localhost:8080");
    assertThat(SimulateCommand.apiBase("wss://care.example.com/v1/agent")).isEqualTo("https://care.example.com");
  }
}
