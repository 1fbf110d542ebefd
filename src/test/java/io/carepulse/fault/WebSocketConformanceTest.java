package io.carepulse.fault;

import static io.carepulse.fault.RawSocket.BINARY;
import static io.carepulse.fault.RawSocket.CLOSE;
import static io.carepulse.fault.RawSocket.CONTINUATION;
import static io.carepulse.fault.RawSocket.PING;
import static io.carepulse.fault.RawSocket.PONG;
import static io.carepulse.fault.RawSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server-side cases of Autobahn|Testsuite sections 1–7 (framing, pings and pongs, reserved bits, opcodes,
 * fragmentation, UTF-8, close handling), as our own tests over raw sockets: RFC 6455 says what a server must answer,
 * and a client library would refuse to send most of these frames. Both socket endpoints share one transport, so the
 * transport's cases run on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketConformanceTest extends FaultServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** One service for the whole class (its own Vert.x: the per-test one closes after each test). */
  private Vertx shared;

  @BeforeAll
  void startOnce() {
    shared = Vertx.vertx();
    service = startOn(shared, new JsonObject().put("maxFrameBytes", 128 * 1024));
  }

  @AfterAll
  void stopShared() {
    shared.close().await();
  }

  @Override
  void start(JsonObject overrides) {
    // started once in startOnce()
  }

  // ---- 1: framing — payload lengths in each of the three length encodings

  @ParameterizedTest
  @ValueSource(ints = {0, 125, 126, 127, 65_535, 65_536})
  void aTextMessageOfEveryLengthEncodingIsRead(int padding) throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    String hello = "{\"type\":\"hello\"" + " ".repeat(padding) + "}";
    socket.sendText(hello);
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void aBinaryMessageClosesWith1003(String path) throws IOException {
    start();
    RawSocket socket = unauthenticated(path);
    socket.send(true, BINARY, new byte[] {1, 2, 3});
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1003);
  }

  @Test
  void anEmptyBinaryMessageClosesWith1003() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.send(true, BINARY, new byte[0]);
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1003);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void anUnmaskedClientFrameIsAProtocolError(String path) throws IOException {
    start();
    RawSocket socket = unauthenticated(path);
    socket.writeRaw(RawSocket.frame(true, 0, TEXT, false, "{\"type\":\"hello\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  // ---- 2: pings and pongs

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125})
  void aPingIsAnsweredWithAPongOfTheSamePayload(int length) throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    byte[] payload = new byte[length];
    Arrays.fill(payload, (byte) 'p');
    socket.send(true, PING, payload);
    RawSocket.Frame pong = socket.read(WAIT);
    assertThat(pong.opcode()).isEqualTo(PONG);
    assertThat(pong.payload()).isEqualTo(payload);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void aPingAbove125BytesIsAProtocolError(String path) throws IOException {
    start();
    RawSocket socket = unauthenticated(path);
    socket.send(true, PING, new byte[126]);
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  @Test
  void anUnsolicitedPongIsIgnored() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.send(true, PONG, "unsolicited".getBytes(StandardCharsets.UTF_8));
    socket.sendText("{\"type\":\"hello\"}");
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
  }

  @Test
  void tenPingsInARowGetTenPongs() throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    for (int i = 0; i < 10; i++) {
      socket.send(true, PING, new byte[] {(byte) i});
    }
    for (int i = 0; i < 10; i++) {
      RawSocket.Frame pong = socket.read(WAIT);
      assertThat(pong.opcode()).isEqualTo(PONG);
      assertThat(pong.payload()).containsExactly((byte) i);
    }
  }

  // ---- 3 and 4: reserved bits and reserved opcodes (no extension is negotiated, so none may be set)

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void aReservedBitIsAProtocolError(int rsv) throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.writeRaw(RawSocket.frame(true, rsv, TEXT, true, "{\"type\":\"hello\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
  void aReservedOpcodeIsAProtocolError(int opcode) throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.send(true, opcode, new byte[] {1});
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  @Test
  void aReservedOpcodeOnTheSupervisorSocketIsAProtocolError() throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/supervisor");
    socket.send(true, 0xB, new byte[0]);
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  // ---- 5: fragmentation

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void aFragmentedTextMessageIsReadWhole(String path) throws IOException {
    start();
    Role role = path.equals("/v1/agent") ? Role.AGENT : Role.SUPERVISOR;
    RawSocket socket = keep(RawSocket.upgraded(port(), path, Map.of()));
    String hello = new JsonObject().put("type", "hello").put("token", token("user-1", role)).encode();
    byte[] bytes = hello.getBytes(StandardCharsets.UTF_8);
    int third = bytes.length / 3;
    socket.send(false, TEXT, Arrays.copyOfRange(bytes, 0, third));
    socket.send(false, CONTINUATION, Arrays.copyOfRange(bytes, third, 2 * third));
    socket.send(true, CONTINUATION, Arrays.copyOfRange(bytes, 2 * third, bytes.length));
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
  }

  @Test
  void aPingBetweenFragmentsIsAnsweredAndTheMessageStillRead() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.send(false, TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8));
    socket.send(true, PING, "mid".getBytes(StandardCharsets.UTF_8));
    socket.send(true, CONTINUATION, "\"hello\"}".getBytes(StandardCharsets.UTF_8));
    RawSocket.Frame pong = socket.read(WAIT);
    assertThat(pong.opcode()).isEqualTo(PONG);
    assertThat(pong.text()).isEqualTo("mid");
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void aContinuationWithoutAStartIsAProtocolError(String path) throws IOException {
    start();
    RawSocket socket = unauthenticated(path);
    socket.send(true, CONTINUATION, "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void aNewMessageInsideAFragmentedOneIsAProtocolError(String path) throws IOException {
    start();
    RawSocket socket = unauthenticated(path);
    // Both frames in one write, so the server reads them in one batch: the first is handed over, the second refused,
    // and the 1002 close frame must still be flushed before TCP ends (it used to be lost with the connection).
    byte[] first = RawSocket.frame(false, 0, TEXT, true, "{\"type\":".getBytes(StandardCharsets.UTF_8));
    byte[] second = RawSocket.frame(true, 0, TEXT, true, "{}".getBytes(StandardCharsets.UTF_8));
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    socket.writeRaw(both);
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
    assertThat(socket.closedWithin(WAIT)).isTrue();
  }

  @Test
  void aFragmentedPingIsAProtocolError() throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.send(false, PING, "a".getBytes(StandardCharsets.UTF_8));
    socket.send(true, CONTINUATION, "b".getBytes(StandardCharsets.UTF_8));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  // ---- 6: UTF-8

  @Test
  void validMultiByteTextIsRead() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.sendText("{\"type\":\"hello\",\"client\":{\"name\":\"κόσμε 𝄞 ☃\",\"version\":\"1\"}}");
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ff",               // never valid in UTF-8
      "c0af",             // overlong '/'
      "e080af",           // overlong, three bytes
      "eda080",           // a UTF-16 surrogate (U+D800)
      "f4908080",         // above U+10FFFF
      "ce",               // truncated two-byte sequence
      "cebae1bdb9cfbcedb080656469746564"}) // Autobahn 6.3.1: "κόσμε" with a surrogate inside
  void invalidUtf8InATextFrameClosesWith1007(String hex) throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.send(true, TEXT, concat("{\"type\":\"hello\",\"client\":{\"name\":\"", hex, "\",\"version\":\"1\"}}"));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1007);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void invalidUtf8BeforeAuthenticationClosesWith1007(String path) throws IOException {
    start();
    RawSocket socket = unauthenticated(path);
    socket.send(true, TEXT, concat("{\"type\":\"hello\",\"token\":\"", "eda080", "\"}"));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1007);
  }

  @Test
  void aCharacterSplitAcrossFragmentsIsValid() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    byte[] whole = "{\"type\":\"hello\",\"client\":{\"name\":\"€uro\",\"version\":\"1\"}}".getBytes(StandardCharsets.UTF_8);
    int euro = indexOf(whole, (byte) 0xE2);
    socket.send(false, TEXT, Arrays.copyOfRange(whole, 0, euro + 1));
    socket.send(true, CONTINUATION, Arrays.copyOfRange(whole, euro + 1, whole.length));
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
  }

  @Test
  void invalidUtf8InALaterFragmentClosesWith1007() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.send(false, TEXT, "{\"type\":\"hello\",\"client\":{\"name\":\"".getBytes(StandardCharsets.UTF_8));
    socket.send(true, CONTINUATION, concat("", "c0af", "\",\"version\":\"1\"}}"));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1007);
  }

  // ---- 7: close handling

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1011, 3000, 3999, 4000, 4999})
  void aValidCloseIsEchoedAndTheConnectionEnds(int code) throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.send(true, CLOSE, RawSocket.closePayload(code, "bye"));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(code);
    assertThat(socket.closedWithin(WAIT)).as("TCP closed after the close handshake").isTrue();
  }

  @Test
  void anEmptyCloseIsAnswered() throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.send(true, CLOSE, new byte[0]);
    assertThat(socket.awaitClose(WAIT)).isIn(1000, 1005);
    assertThat(socket.closedWithin(WAIT)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999})
  void aCloseWithAnInvalidCodeIsAProtocolError(int code) throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.send(true, CLOSE, RawSocket.closePayload(code, ""));
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  @Test
  void aCloseWithAOneBytePayloadIsAProtocolError() throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    socket.send(true, CLOSE, new byte[] {0x03});
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1002);
  }

  @Test
  void aCloseWithAnInvalidUtf8ReasonClosesWith1007() throws IOException {
    start();
    RawSocket socket = unauthenticated("/v1/agent");
    byte[] payload = concat("", "03e8cebae1bdb9cfbcedb080656469746564", "");
    socket.send(true, CLOSE, payload);
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1007);
  }

  @Test
  void framesAfterTheCloseAreIgnored() throws IOException {
    start();
    RawSocket socket = agentSocket();
    assertThat(type(socket.readAnsweringPings(WAIT))).isEqualTo("welcome");
    socket.send(true, CLOSE, RawSocket.closePayload(1000, ""));
    try {
      socket.sendText("{\"type\":\"hello\"}");
    } catch (IOException alreadyClosed) {
      // the server may have closed TCP already: nothing more to check about that frame
    }
    assertThat(socket.awaitClose(WAIT)).isEqualTo(1000);
  }

  // ----

  private static String type(RawSocket.Frame frame) {
    assertThat(frame).as("a frame from the server").isNotNull();
    assertThat(frame.opcode()).as("opcode of " + frame.text()).isEqualTo(TEXT);
    return new JsonObject(frame.text()).getString("type");
  }

  private static byte[] concat(String before, String hex, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] b = java.util.HexFormat.of().parseHex(hex);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    System.arraycopy(c, 0, all, a.length + b.length, c.length);
    return all;
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
