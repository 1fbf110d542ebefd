package io.carepulse.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.carepulse.testing.Await;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One bad client never touches anyone else's call: each case abuses the service on one socket (or many connections)
 * while a {@link Neighbour} streams a call on another, and asserts what the abuser sees, that memory stays bounded,
 * and that the neighbour's acks kept flowing with p99 under {@link #NEIGHBOUR_P99}. Each case prints one
 * "SOCKET-ABUSE" line with its figures (docs/reliability.md, "Socket abuse").
 */
class SocketAbuseTest extends FaultServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aMillionEmptyBinaryFramesWithoutATokenAndNeverReading_closes1003AndPinsNoMemory() throws Exception {
    start();
    // The heap is measured outside the neighbour's window: a full collection pauses every event loop.
    long heapBefore = usedHeapAfterGc();
    Neighbour neighbour = neighbour();
    RawSocket abuser = keep(RawSocket.upgraded(port(), "/v1/agent", Map.of(), 4096));
    // 1,000,000 empty masked binary frames: 6 bytes each, 6 MB in all, written in batches; the client never reads.
    byte[] one = RawSocket.frame(true, 0, RawSocket.BINARY, true, new byte[0]);
    byte[] batch = new byte[one.length * 10_000];
    for (int i = 0; i < 10_000; i++) {
      System.arraycopy(one, 0, batch, i * one.length, one.length);
    }
    CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
      long frames = 0;
      try {
        for (int i = 0; i < 100; i++) {
          abuser.writeRaw(batch);
          frames += 10_000;
        }
      } catch (IOException closedByServer) {
        // the server closed the connection: the rest of the flood cannot be sent
      }
      return frames;
    });
    long framesWritten = written.get(60, TimeUnit.SECONDS);
    neighbour.assertAcksFlowed(20, NEIGHBOUR_P99);
    long heapAfter = usedHeapAfterGc();
    Integer code = abuser.awaitClose(WAIT);
    report("binary-flood", neighbour, "framesWritten=" + framesWritten + " close=" + code, heapBefore, heapAfter);
    assertThat(code).as("close code (null: TCP closed after the close frame was lost)").isIn(1003, null);
    assertThat(heapAfter - heapBefore).as("heap growth, bytes").isLessThan(32L * 1024 * 1024);
  }

  @Test
  void aClientThatSendsButNeverReads_isNoLongerReadThenClosed() throws Exception {
    // A budget that does not stop the flood, so that backpressure has to.
    start(new JsonObject().put("framesPerSecond", 1_000_000).put("frameBurst", 1_000_000).put("writeStallTimeout", "2s"));
    long heapBefore = usedHeapAfterGc();
    Neighbour neighbour = neighbour();
    RawSocket abuser = keep(RawSocket.upgraded(port(), "/v1/agent",
        Map.of("Authorization", "Bearer " + token("abuser", Role.AGENT)), 4096));
    // Each hello is answered with a welcome the client never reads.
    byte[] hello = RawSocket.frame(true, 0, RawSocket.TEXT, true, "{\"type\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
    byte[] batch = new byte[hello.length * 1_000];
    for (int i = 0; i < 1_000; i++) {
      System.arraycopy(hello, 0, batch, i * hello.length, hello.length);
    }
    AtomicLong sent = new AtomicLong();
    long startNanos = System.nanoTime();
    CompletableFuture<Long> closedAfterMillis = CompletableFuture.supplyAsync(() -> {
      try {
        for (int i = 0; i < 1_000; i++) {
          abuser.writeRaw(batch);
          sent.addAndGet(1_000);
        }
        return -1L;
      } catch (IOException closedByServer) {
        return (System.nanoTime() - startNanos) / 1_000_000;
      }
    });
    // The server stops reading once its write queue is full: the client's writes block well before a million hellos.
    Await.until(WAIT, "the client's writes to block", () -> {
      long before = sent.get();
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      return sent.get() == before && before > 0;
    });
    long hellosRead = sent.get();
    long closedAfter = closedAfterMillis.get(60, TimeUnit.SECONDS);
    neighbour.assertAcksFlowed(20, NEIGHBOUR_P99);
    long heapWhileStalled = usedHeapAfterGc();
    report("never-reads", neighbour, "hellosAccepted<=" + hellosRead + " closedAfterMs=" + closedAfter, heapBefore,
        heapWhileStalled);
    assertThat(hellosRead).as("hellos the server took before it stopped reading").isLessThan(1_000_000);
    assertThat(closedAfter).as("ms until the server closed the stalled socket (-1: never)").isPositive();
    assertThat(heapWhileStalled - heapBefore).as("heap growth, bytes").isLessThan(32L * 1024 * 1024);
  }

  @Test
  void aPingFloodIsAnsweredWithinTheBudgetThenClosed1008() throws Exception {
    start();
    Neighbour neighbour = neighbour();
    RawSocket abuser = unauthenticated("/v1/agent");
    byte[] ping = RawSocket.frame(true, 0, RawSocket.PING, true, new byte[0]);
    byte[] batch = new byte[ping.length * 10_000];
    for (int i = 0; i < 10_000; i++) {
      System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
    }
    try {
      abuser.writeRaw(batch);
    } catch (IOException closedByServer) {
      // closed before the whole flood was written
    }
    int pongs = 0;
    Integer code = null;
    for (RawSocket.Frame frame = abuser.read(WAIT); frame != null; frame = abuser.read(WAIT)) {
      if (frame.opcode() == RawSocket.PONG) {
        pongs++;
      } else if (frame.opcode() == RawSocket.CLOSE) {
        code = frame.closeCode();
        break;
      }
    }
    neighbour.assertAcksFlowed(10, NEIGHBOUR_P99);
    report("ping-flood", neighbour, "pongs=" + pongs + " close=" + code, 0, 0);
    assertThat(code).isEqualTo(1008);
    assertThat(pongs).as("pongs before the close").isLessThan(10_000);
  }

  @Test
  void trickledUpgradeRequestsAreClosedAtTheHeaderDeadline() throws Exception {
    start(new JsonObject().put("requestHeaderTimeout", "1s"));
    Neighbour neighbour = neighbour();
    int count = 500;
    List<RawSocket> trickling = new ArrayList<>();
    byte[] request = RawSocket.upgradeRequest("/v1/agent", Map.of()).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      trickling.add(keep(RawSocket.tcp(port())));
    }
    long startNanos = System.nanoTime();
    // One more byte of the request headers on every connection every 200 ms: never a complete request.
    int[] sentBytes = {0};
    Await.until(WAIT, "every trickling connection to be closed", () -> {
      int open = 0;
      for (RawSocket socket : trickling) {
        try {
          socket.writeRaw(new byte[] {request[sentBytes[0] % (request.length - 4)]});
          open++;
        } catch (IOException closed) {
          // closed by the server
        }
      }
      sentBytes[0]++;
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      return open == 0;
    });
    long closedAfter = (System.nanoTime() - startNanos) / 1_000_000;
    assertThat(httpStatus("/health")).isEqualTo(200);
    neighbour.assertAcksFlowed(10, NEIGHBOUR_P99);
    report("trickled-upgrades", neighbour, "connections=" + count + " allClosedAfterMs=" + closedAfter, 0, 0);
    assertThat(closedAfter).as("ms until all were closed, deadline 1 s").isLessThan(10_000);
  }

  @Test
  void idleConnectionsBeyondTheCapAreClosedAtOnceAndTheRestAtTheDeadline() throws Exception {
    start(new JsonObject().put("requestHeaderTimeout", "5s").put("maxConnectionsPerIp", 200));
    Neighbour neighbour = neighbour();
    List<RawSocket> idle = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      idle.add(keep(RawSocket.tcp(port())));
    }
    // Over the cap (the neighbour holds one of the 200): closed at once, well before the 5 s deadline.
    long openedNanos = System.nanoTime();
    int[] closedAtOnce = {0};
    java.util.Set<RawSocket> closed = new java.util.HashSet<>();
    Await.until(Duration.ofSeconds(3), "200 connections over the cap to be closed", () -> {
      for (RawSocket socket : idle) {
        if (!closed.contains(socket) && socket.closedWithin(Duration.ofMillis(1))) {
          closed.add(socket);
        }
      }
      closedAtOnce[0] = closed.size();
      // Between passes the test gives the two cores back to the service and its neighbour.
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      return closed.size() >= 200;
    });
    long capClosedAfter = (System.nanoTime() - openedNanos) / 1_000_000;
    for (RawSocket socket : idle) {
      assertThat(socket.closedWithin(WAIT)).as("an idle connection closed at the header deadline").isTrue();
    }
    long restClosedAfter = (System.nanoTime() - openedNanos) / 1_000_000;
    assertThat(httpStatus("/health")).isEqualTo(200);
    neighbour.assertAcksFlowed(10, NEIGHBOUR_P99);
    report("idle-connections", neighbour, "opened=400 overCapClosed=" + closedAtOnce[0] + " withinMs=" + capClosedAfter
        + " allClosedWithinMs=" + restClosedAfter, 0, 0);
    assertThat(capClosedAfter).as("ms until the connections over the cap were closed").isLessThan(3_000);
    assertThat(restClosedAfter).as("ms until every idle connection was closed (deadline 5 s)").isBetween(4_000L, 15_000L);
  }

  @Test
  void anAgentBeyondItsLiveCallCapIsRefusedWithTooManyAgentCalls() throws Exception {
    start(new JsonObject().put("maxCallsPerAgent", 3));
    Neighbour neighbour = neighbour();
    String token = token("busy-agent", Role.AGENT);
    RawSocket first = keep(RawSocket.upgraded(port(), "/v1/agent", Map.of("Authorization", "Bearer " + token)));
    RawSocket second = keep(RawSocket.upgraded(port(), "/v1/agent", Map.of("Authorization", "Bearer " + token)));
    assertThat(type(first.readAnsweringPings(WAIT))).isEqualTo("welcome");
    assertThat(type(second.readAnsweringPings(WAIT))).isEqualTo("welcome");
    for (int i = 1; i <= 3; i++) {
      RawSocket socket = i % 2 == 0 ? second : first;
      socket.sendText(callStart("busy-" + i).encode());
      assertThat(nextOf(socket, "ack").getString("callId")).isEqualTo("busy-" + i);
    }
    second.sendText(callStart("busy-4").encode());
    JsonObject refused = nextOf(second, "error");
    assertThat(refused.getString("code")).isEqualTo("too_many_agent_calls");
    assertThat(refused.getString("callId")).isEqualTo("busy-4");
    // Ending one makes room.
    first.sendText(new JsonObject().put("type", "call.end").put("callId", "busy-1").put("seq", 2)
        .put("ts", 1_700_000_001_000L).encode());
    assertThat(nextOf(first, "ack").getLong("seq")).isEqualTo(2);
    second.sendText(callStart("busy-4").encode());
    assertThat(nextOf(second, "ack").getString("callId")).isEqualTo("busy-4");
    neighbour.assertAcksFlowed(5, NEIGHBOUR_P99);
    report("agent-call-cap", neighbour, "cap=3", 0, 0);
  }

  @Test
  void aTimestampFarFromTheCallsClockIsInvalidAndTheClockDoesNotMove() throws Exception {
    start();
    Neighbour neighbour = neighbour();
    RawSocket agent = agentSocket();
    assertThat(type(agent.readAnsweringPings(WAIT))).isEqualTo("welcome");
    agent.sendText(callStart("clock-1").encode());
    assertThat(nextOf(agent, "ack").getLong("seq")).isEqualTo(1);
    agent.sendText(utterance("clock-1", 2, 9_007_199_254_740_991L).encode());
    JsonObject refused = nextOf(agent, "error");
    assertThat(refused.getString("code")).isEqualTo("invalid");
    assertThat(refused.getString("message")).contains("ts").contains("ahead of the call's clock");
    assertThat(refused.getLong("seq")).isEqualTo(2);
    agent.sendText(utterance("clock-1", 2, 1_700_000_003_000L).encode());
    JsonObject score = nextOf(agent, "score");
    assertThat(score.getLong("callTimeMs")).as("call time after the refused frame").isLessThan(10_000);
    assertThat(nextOf(agent, "ack").getLong("seq")).isEqualTo(2);
    neighbour.assertAcksFlowed(5, NEIGHBOUR_P99);
    report("ts-jump", neighbour, "refused=" + refused.getString("message"), 0, 0);
  }

  @Test
  void aHugeSeqIsNotEchoedWrapped() throws Exception {
    start();
    RawSocket agent = agentSocket();
    assertThat(type(agent.readAnsweringPings(WAIT))).isEqualTo("welcome");
    // 2^64 + 1: as a long it would wrap to 1, naming a frame the client never sent.
    agent.sendText("{\"type\":\"utterance\",\"callId\":\"big\",\"seq\":18446744073709551617,\"ts\":1700000000000,"
        + "\"speaker\":\"agent\",\"text\":\"hi\",\"final\":true}");
    JsonObject refused = nextOf(agent, "error");
    assertThat(refused.getString("code")).isEqualTo("invalid");
    assertThat(refused.containsKey("seq")).as("seq echoed in " + refused.encode()).isFalse();
    agent.sendText("{\"type\":\"utterance\",\"callId\":\"big\",\"seq\":1e20,\"ts\":1700000000000,"
        + "\"speaker\":\"agent\",\"text\":\"hi\",\"final\":true}");
    assertThat(nextOf(agent, "error").containsKey("seq")).isFalse();
  }

  @Test
  void invalidUtf8AndProtocolViolationsCloseTheirSocketOnly() throws Exception {
    start();
    Neighbour neighbour = neighbour();
    int closes = 0;
    for (int i = 0; i < 20; i++) {
      RawSocket bad = agentSocket();
      bad.readAnsweringPings(WAIT);
      byte[] invalid = {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
      bad.send(true, RawSocket.TEXT, invalid);
      assertThat(bad.awaitClose(WAIT)).isEqualTo(1007);
      RawSocket violating = unauthenticated("/v1/supervisor");
      violating.writeRaw(RawSocket.frame(true, 4, RawSocket.TEXT, true, new byte[] {'{', '}'}));
      assertThat(violating.awaitClose(WAIT)).isEqualTo(1002);
      closes += 2;
    }
    neighbour.assertAcksFlowed(10, NEIGHBOUR_P99);
    report("utf8-and-violations", neighbour, "closes=" + closes, 0, 0);
  }

  // ----

  private static JsonObject callStart(String callId) {
    return new JsonObject().put("type", "call.start").put("callId", callId).put("seq", 1).put("ts", 1_700_000_000_000L)
        .put("teamId", "team-a");
  }

  private static JsonObject utterance(String callId, long seq, long ts) {
    return new JsonObject().put("type", "utterance").put("callId", callId).put("seq", seq).put("ts", ts)
        .put("speaker", "customer").put("text", "I have been waiting for an hour.").put("final", true);
  }

  private static String type(RawSocket.Frame frame) {
    assertThat(frame).isNotNull();
    return new JsonObject(frame.text()).getString("type");
  }

  /** The next message of {@code type}, skipping others (scores, prompts). */
  private static JsonObject nextOf(RawSocket socket, String type) throws IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      RawSocket.Frame frame = socket.readAnsweringPings(WAIT);
      assertThat(frame).as("a " + type + " before the socket closed").isNotNull();
      assertThat(frame.opcode()).as("frame opcode while waiting for " + type).isEqualTo(RawSocket.TEXT);
      JsonObject message = new JsonObject(frame.text());
      if (type.equals(message.getString("type"))) {
        return message;
      }
    }
    throw new AssertionError("no " + type + " within " + WAIT.toMillis() + " ms");
  }

  private int httpStatus(String path) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port() + path).toURL()
        .openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(5_000);
    try (InputStream ignored = connection.getInputStream()) {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  /** System.gc() is a full, stop-the-world collection here: the heap is settled when it returns. */
  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void report(String abuse, Neighbour neighbour, String figures, long heapBefore, long heapAfter) {
    String heap = heapBefore == 0 ? "" : String.format(" heapBefore=%dMB heapAfter=%dMB", heapBefore >> 20, heapAfter >> 20);
    System.out.printf("SOCKET-ABUSE %s neighbour %s | %s%s%n", abuse, neighbour.figures(), figures, heap);
  }
}
