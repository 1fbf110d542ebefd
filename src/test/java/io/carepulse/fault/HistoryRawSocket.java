package io.carepulse.fault;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain TCP socket, for what a client library will not do: die without a close frame. Sends
 * masked text frames, reads the server's text frames, and {@link #kill()} resets the connection as a crashed browser
 * tab or a pulled cable would.
 */
final class HistoryRawSocket implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private HistoryRawSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Upgrades {@code /v1/agent} with the token in the Authorization header. */
  static HistoryRawSocket connect(int port, String token) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    HistoryRawSocket raw = new HistoryRawSocket(socket);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String request = "GET /v1/agent HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    raw.out.write(request.getBytes(StandardCharsets.US_ASCII));
    raw.out.flush();
    String status = raw.headerLine();
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + status);
    }
    while (!raw.headerLine().isEmpty()) {
      // the rest of the response head
    }
    return raw;
  }

  private String headerLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed during the upgrade");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    int length = payload.length;
    byte[] head = length < 126 ? new byte[] {(byte) 0x81, (byte) (0x80 | length)}
        : new byte[] {(byte) 0x81, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length};
    for (int i = 0; i < length; i++) {
      payload[i] ^= mask[i % 4];
    }
    out.write(head);
    out.write(mask);
    out.write(payload);
    out.flush();
  }

  /** The next text message from the server (control frames are skipped). */
  String nextText() throws IOException {
    while (true) {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if ((first & 0x0f) == 1) {
        return new String(payload, StandardCharsets.UTF_8);
      }
    }
  }

  /** Resets the connection: no close frame, no FIN, unread data dropped. */
  void kill() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
