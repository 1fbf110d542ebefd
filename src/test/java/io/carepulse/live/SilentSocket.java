package io.carepulse.live;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that upgrades and then never says anything again — not even a pong: what a frozen tab or a dead
 * network path looks like to the server. Written on a raw socket because every client library answers pings.
 */
final class SilentSocket implements AutoCloseable {

  private final Socket socket = new Socket();
  private final DataInputStream in;
  int pingsIgnored;

  private SilentSocket(int port, String path, String bearer) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(5_000);
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + "Authorization: Bearer " + bearer + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    in = new DataInputStream(socket.getInputStream());
    String head = readHead(in);
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new AssertionError("upgrade refused: " + head);
    }
  }

  static SilentSocket upgrade(int port, String path, String bearer) throws IOException {
    return new SilentSocket(port, path, bearer);
  }

  /** Reads, ignoring pings and messages, until the server's close frame; returns its code. */
  short awaitCloseCode() throws IOException {
    // A deadline of its own: the server's pings keep each read short, and a socket read ignores interrupts.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      int first;
      try {
        if (System.nanoTime() > deadline) {
          throw new SocketTimeoutException();
        }
        first = in.readUnsignedByte();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no close frame within 5 s (" + pingsIgnored + " pings ignored)", e);
      }
      int opcode = first & 0x0F;
      long length = in.readUnsignedByte() & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if (opcode == 0x8) {
        return payload.length >= 2 ? (short) (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) : 1005;
      }
      if (opcode == 0x9) {
        pingsIgnored++;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while (head.indexOf("\r\n\r\n") < 0 && (b = in.read()) >= 0) {
      head.append((char) b);
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
