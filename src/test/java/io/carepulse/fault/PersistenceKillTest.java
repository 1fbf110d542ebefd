package io.carepulse.fault;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.carepulse.app.Main;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.live.AgentClient;
import io.carepulse.live.Frames;
import io.carepulse.store.pg.TestDatabase;
import io.carepulse.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, faults: the service is a real child process (the same {@code Main} the jar runs, from the test class path
 * because the jar is built after the tests) on PostgreSQL, killed with SIGKILL in the middle of a pipelined call — some
 * frames acked, some applied but not yet committed, some still on the wire. A second process on the same database
 * takes the resume: every acked frame is there, the client resends from {@code nextSeq}, and each frame of the call is
 * stored exactly once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PersistenceKillTest {

  private static final String SECRET = "kill-nine-test-secret-kill-nine-test-secret";
  private static final int FRAMES = 400;

  private TestDatabase db;
  private Vertx vertx;
  private HttpClient http;
  private final List<Process> processes = new ArrayList<>();
  private final List<AgentClient> agents = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    db = TestDatabase.create("kill9");
    this.vertx = vertx;
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    agents.forEach(AgentClient::close);
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    http.close();
    db.close();
  }

  @Test
  void killNineMidCall_thenRestartAndResume_storesEveryAckedFrameExactlyOnce() throws Exception {
    String token = JwtAuth.create(vertx, SECRET).mint("agent-1", Role.AGENT, List.of("team-a"), Duration.ofMinutes(5));
    int firstPort = freePort();
    Process first = serve(firstPort);
    AgentClient agent = keep(AgentClient.withHeader(vertx, firstPort, token));
    agent.send(callStart("k1"));
    for (long seq = 2; seq <= 100; seq++) {
      agent.send(customerSays("k1", seq, "turn " + seq + ", my parcel is still missing"));
    }
    agent.awaitAck("k1", 100);
    // The rest streams at one frame per 2 ms while the process is killed, so at the kill some frames are acked, some
    // applied and waiting for their batch, some still on the wire.
    AtomicLong sent = new AtomicLong(100);
    Thread streaming = new Thread(() -> {
      for (long seq = 101; seq < FRAMES && first.isAlive(); seq++) {
        agent.send(customerSays("k1", seq, "turn " + seq + ", my parcel is still missing"));
        sent.set(seq);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
    }, "kill9-agent");
    streaming.start();
    Await.until(Duration.ofSeconds(60), "150 more frames sent", () -> sent.get() >= 250);
    first.destroyForcibly();
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    streaming.join(10_000);
    agent.awaitClose();
    long ackedBeforeKill = agent.seen.stream().filter(m -> "ack".equals(m.getString("type")))
        .mapToLong(m -> m.getLong("seq")).max().orElse(0);
    long storedAtKill = db.count("SELECT count(*) FROM frames WHERE call_id = 'k1'");
    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'k1' AND seq <= " + ackedBeforeKill))
        .as("every frame acked before the kill is stored").isEqualTo(ackedBeforeKill);

    int secondPort = freePort();
    serve(secondPort);
    AgentClient resumed = keep(AgentClient.withHeader(vertx, secondPort, token));
    resumed.send(Frames.hello(null, "k1", ackedBeforeKill));
    JsonObject welcome = resumed.expect("welcome");
    long nextSeq = welcome.getJsonArray("resume").getJsonObject(0).getLong("nextSeq");
    assertThat(nextSeq - 1).as("the new process resumes after the last stored frame").isEqualTo(storedAtKill)
        .isGreaterThanOrEqualTo(ackedBeforeKill);
    for (long seq = nextSeq; seq < FRAMES; seq++) {
      resumed.send(customerSays("k1", seq, "turn " + seq + ", my parcel is still missing"));
    }
    resumed.send(end("k1", FRAMES));
    resumed.awaitAck("k1", FRAMES);

    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'k1'")).isEqualTo(FRAMES);
    assertThat(db.count("SELECT count(DISTINCT seq) FROM frames WHERE call_id = 'k1'")).isEqualTo(FRAMES);
    assertThat(db.count("SELECT min(seq) FROM frames WHERE call_id = 'k1'")).isEqualTo(1);
    assertThat(db.count("SELECT max(seq) FROM frames WHERE call_id = 'k1'")).isEqualTo(FRAMES);
    assertThat(db.count("SELECT count(*) FROM calls WHERE call_id = 'k1' AND state = 'ended' AND last_seq = " + FRAMES))
        .isEqualTo(1);
    System.out.printf("kill9: SIGKILL with %d frames acked, %d stored, %d sent; the restarted process resumed at %d; "
        + "%d frames stored once each%n", ackedBeforeKill, storedAtKill, sent.get(), nextSeq, FRAMES);
  }

  /** The service as its own JVM, on PostgreSQL, ready when /ready answers 200. */
  private Process serve(int port) throws IOException {
    Path log = Files.createTempFile("carepulse-kill9-", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("CAREPULSE_"));
    builder.environment().put("CAREPULSE_PG_URL", db.url());
    builder.environment().put("CAREPULSE_JWT_SECRET", SECRET);
    builder.environment().put("CAREPULSE_HTTP_HOST", "127.0.0.1");
    builder.environment().put("CAREPULSE_HTTP_PORT", String.valueOf(port));
    builder.environment().put("CAREPULSE_SERVER_INSTANCES", "1");
    builder.environment().put("CAREPULSE_FRAMES_PER_SECOND", "100000");
    builder.environment().put("CAREPULSE_JOURNAL_FLUSH_INTERVAL", "20ms");
    Process process = builder.start();
    processes.add(process);
    // A JVM start on a box shared with other builds (load average ~50 on 2 cores measured) can take a minute.
    Await.until(Duration.ofSeconds(150), "the child service on port " + port + " to be ready", () -> {
      if (!process.isAlive()) {
        try {
          fail("the child service exited with " + process.exitValue() + ":\n" + Files.readString(log));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
      return readyStatus(port) == 200;
    });
    return process;
  }

  private int readyStatus(int port) {
    try {
      return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
              .setURI("/ready"))
          .compose(request -> request.send()).map(response -> response.statusCode())
          .await(2, TimeUnit.SECONDS);
    } catch (Exception notYet) {
      return -1;
    }
  }

  private AgentClient keep(AgentClient agent) {
    agents.add(agent);
    return agent;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
