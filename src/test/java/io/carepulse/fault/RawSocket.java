package io.carepulse.fault;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a plain TCP socket that sends exactly the bytes a test asks for — unmasked frames, reserved
 * bits, bad opcodes, invalid UTF-8, a trickled handshake — which a client library would refuse to send. Blocking; one
 * thread at a time.
 */
final class RawSocket implements AutoCloseable {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** A frame from the server. */
  record Frame(boolean fin, int opcode, byte[] payload) {

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame; 1005 when it carries none. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  /** The server's answer to the handshake: status line and headers. */
  record Handshake(int status, Map<String, String> headers) {
  }

  private RawSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** A TCP connection and nothing else. */
  static RawSocket tcp(int port) throws IOException {
    return tcp(port, 0);
  }

  /** {@code receiveBuffer} > 0: a small receive window, as a client that reads slowly or not at all has. */
  static RawSocket tcp(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return new RawSocket(socket);
  }

  /** Connects and upgrades {@code path}; fails unless the server answers 101. */
  static RawSocket upgraded(int port, String path, Map<String, String> extraHeaders) throws IOException {
    return upgraded(port, path, extraHeaders, 0);
  }

  static RawSocket upgraded(int port, String path, Map<String, String> extraHeaders, int receiveBuffer)
      throws IOException {
    RawSocket raw = tcp(port, receiveBuffer);
    Handshake answer = raw.handshake(path, extraHeaders);
    if (answer.status() != 101) {
      raw.close();
      throw new IOException("upgrade of " + path + " answered " + answer.status() + " " + answer.headers());
    }
    return raw;
  }

  static String upgradeRequest(String path, Map<String, String> extraHeaders) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "127.0.0.1");
    headers.put("Upgrade", "websocket");
    headers.put("Connection", "Upgrade");
    headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
    headers.put("Sec-WebSocket-Version", "13");
    headers.putAll(extraHeaders);
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
    headers.forEach((name, value) -> {
      if (value != null) {
        request.append(name).append(": ").append(value).append("\r\n");
      }
    });
    return request.append("\r\n").toString();
  }

  Handshake handshake(String path, Map<String, String> extraHeaders) throws IOException {
    writeRaw(upgradeRequest(path, extraHeaders).getBytes(StandardCharsets.US_ASCII));
    return readHandshake();
  }

  Handshake readHandshake() throws IOException {
    String statusLine = readLine();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
    }
    String[] parts = statusLine.split(" ");
    return new Handshake(Integer.parseInt(parts[1]), headers);
  }

  /** Synchronised: a neighbour's reader thread answers pings while its pacing thread sends frames. */
  synchronized void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void sendText(String text) throws IOException {
    send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  void send(boolean fin, int opcode, byte[] payload) throws IOException {
    writeRaw(frame(fin, 0, opcode, true, payload));
  }

  /** One frame's bytes: {@code rsv} is the three reserved bits (0–7); a client frame must be masked. */
  static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 14);
    bytes.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0F);
    int mask = masked ? 0x80 : 0;
    if (payload.length < 126) {
      bytes.write(mask | payload.length);
    } else if (payload.length < 65536) {
      bytes.write(mask | 126);
      bytes.write(payload.length >>> 8);
      bytes.write(payload.length & 0xFF);
    } else {
      bytes.write(mask | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes.write((int) ((long) payload.length >>> shift) & 0xFF);
      }
    }
    if (!masked) {
      bytes.writeBytes(payload);
      return bytes.toByteArray();
    }
    byte[] key = new byte[4];
    ThreadLocalRandom.current().nextBytes(key);
    bytes.writeBytes(key);
    for (int i = 0; i < payload.length; i++) {
      bytes.write(payload[i] ^ key[i & 3]);
    }
    return bytes.toByteArray();
  }

  static byte[] closePayload(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return payload;
  }

  /** The next frame, or null once the server closed TCP; throws when nothing came within {@code timeout}. */
  Frame read(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = readByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = (readByte() << 8) | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | readByte();
      }
    }
    byte[] key = (second & 0x80) != 0 ? in.readNBytes(4) : null;
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length) {
      return null;
    }
    if (key != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= key[i & 3];
      }
    }
    return new Frame((first & 0x80) != 0, first & 0x0F, payload);
  }

  /** The next frame that is not a ping (pings are answered), or null once TCP closed. */
  Frame readAnsweringPings(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame frame = read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      if (frame == null || frame.opcode() != PING) {
        return frame;
      }
      send(true, PONG, frame.payload());
    }
  }

  /**
   * Reads until the server's close frame and returns its code; text frames before it are skipped. Null when TCP
   * closed without a close frame.
   */
  Integer awaitClose(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("no close frame within " + timeout.toMillis() + " ms");
      }
      Frame frame;
      try {
        frame = read(Duration.ofNanos(left));
      } catch (EOFException e) {
        return null;
      } catch (IOException e) {
        if (e instanceof SocketTimeoutException) {
          throw e;
        }
        return null; // connection reset
      }
      if (frame == null) {
        return null;
      }
      if (frame.opcode() == CLOSE) {
        return frame.closeCode();
      }
    }
  }

  /** True once the server closed TCP (reading hits the end) within {@code timeout}; frames before it are skipped. */
  boolean closedWithin(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        if (in.read() < 0) {
          return true;
        }
        in.skip(in.available());
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  void setReceiveBuffer(int bytes) throws IOException {
    socket.setReceiveBufferSize(bytes);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed mid-frame");
    }
    return b;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = readByte(); b != '\n'; b = readByte()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the test is done with
    }
  }
}
