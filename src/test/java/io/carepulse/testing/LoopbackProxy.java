package io.carepulse.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy in front of a server others use (the shared PostgreSQL), so a test can take it away from one
 * service — cut every connection and refuse new ones — without stopping it for anyone else, and then give it back.
 */
public final class LoopbackProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final String targetHost;
  private final int targetPort;
  private volatile boolean cut;
  private NetServer server;

  public LoopbackProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public LoopbackProxy start() throws Exception {
    server = vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    return this;
  }

  public int port() {
    return server.actualPort();
  }

  /** The target is gone: open connections drop, new ones are closed as soon as they arrive. */
  public void cut() {
    cut = true;
    sockets.forEach(NetSocket::close);
  }

  public void restore() {
    cut = false;
  }

  private void accept(NetSocket inbound) {
    if (cut) {
      inbound.close();
      return;
    }
    sockets.add(inbound);
    inbound.pause();
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed() || cut) {
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      sockets.add(outbound);
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
      inbound.closeHandler(v -> {
        sockets.remove(inbound);
        outbound.close();
      });
      outbound.closeHandler(v -> {
        sockets.remove(outbound);
        inbound.close();
      });
      inbound.resume();
    });
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }
}
