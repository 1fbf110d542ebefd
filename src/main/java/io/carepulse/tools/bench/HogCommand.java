package io.carepulse.tools.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench hog}: a noisy neighbour for robustness checks. Forks a throwaway server ({@code bench echo}) and opens
 * {@code --connections} idle loopback TCP connections to it, then holds them for {@code --for} and lets go — the
 * situation in which the test suite once failed with 5 s HTTP timeouts (docs/reliability.md). The server runs in a
 * process of its own because each side of a connection takes a file descriptor and both must fit under the
 * per-process limit.
 */
@Command(name = "hog", mixinStandardHelpOptions = true,
    description = "Hold N idle loopback TCP connections to a throwaway server for a while (a noisy neighbour).")
public final class HogCommand implements Callable<Integer> {

  @Option(names = "--connections", defaultValue = "19000",
      description = "Idle connections to hold (default: ${DEFAULT-VALUE}; each side needs a file descriptor).")
  int connections;

  @Option(names = "--for", defaultValue = "10m", description = "How long to hold them (default: ${DEFAULT-VALUE}).")
  String holdFor;

  @Override
  public Integer call() throws Exception {
    Duration hold = LoadCommand.duration("--for", holdFor);
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path log = Files.createTempFile("carepulse-hog-server", ".log");
    List<String> serverJvm = List.of("-Xmx512m");
    List<SocketChannel> held = new ArrayList<>();
    try (ServerUnderTest server = ServerUnderTest.start("hog-server", port, List.of(), serverJvm,
        List.of("bench", "echo", "--port", Integer.toString(port), "--instances", "1"), Map.of(), log)) {
      InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
      long start = System.nanoTime();
      String stoppedBy = null;
      while (held.size() < connections) {
        try {
          held.add(SocketChannel.open(target));
        } catch (IOException e) {
          stoppedBy = e.toString();
          break;
        }
      }
      System.out.printf("HOLDING %d idle connections to 127.0.0.1:%d (opened in %.1f s%s); server pid %d, log %s%n",
          held.size(), port, (System.nanoTime() - start) / 1e9, stoppedBy == null ? "" : "; stopped by " + stoppedBy,
          server.pid(), log);
      System.out.flush();
      Thread.sleep(hold.toMillis());
    } finally {
      for (SocketChannel channel : held) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
    System.out.println("RELEASED");
    return 0;
  }
}
