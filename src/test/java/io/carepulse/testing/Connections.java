package io.carepulse.testing;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Waits for a test's connection or request and, when it cannot be had in time, fails saying so — what was attempted,
 * what went wrong, and the machine's state that tells which limit was hit: this JVM's file descriptors against its
 * limit, the box's TCP sockets and TIME_WAITs against the ephemeral port range, listen-queue overflows and SYN
 * retransmissions (a listener that does not accept in time: a stalled event loop or a starved box), and the load.
 * docs/reliability.md tells what each one meant when the suite ran beside a process holding thousands of connections.
 */
public final class Connections {

  public static final Duration DEFAULT = Duration.ofSeconds(5);

  private Connections() {
  }

  /** The result of {@code attempt}, or an AssertionError naming {@code what} and the machine's state. */
  public static <T> T await(String what, Future<T> attempt) {
    return await(what, attempt, DEFAULT);
  }

  public static <T> T await(String what, Future<T> attempt, Duration timeout) {
    try {
      return attempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": no answer within " + timeout.toMillis() + " ms; " + machine(), e);
    } catch (Exception e) { // Vert.x rethrows a checked failure (ConnectException) as it is
      Throwable network = networkCause(e);
      if (network != null) {
        throw new AssertionError(what + " failed: " + network + "; " + machine(), e);
      }
      // An answer, not a missing connection (a refused upgrade, a failed request): passed on as it is.
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  /** An I/O failure or time-out in the cause chain: the connection itself could not be had or was lost. */
  private static Throwable networkCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return t;
      }
    }
    return null;
  }

  /** One line of the limits a connection can run into, read from /proc (Linux); what cannot be read is left out. */
  public static String machine() {
    StringBuilder line = new StringBuilder("machine: ");
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      line.append("this JVM has ").append(fds.count()).append(" of ").append(openFilesLimit()).append(" fds open; ");
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    String tcp = field("/proc/net/sockstat", "TCP:");
    if (tcp != null) {
      line.append("TCP ").append(tcp).append("; ");
    }
    String range = read("/proc/sys/net/ipv4/ip_local_port_range");
    if (range != null) {
      line.append("ephemeral ports ").append(range.trim().replaceAll("\\s+", "-")).append("; ");
    }
    String overflows = netstat("ListenOverflows");
    String synRetrans = netstat("TCPSynRetrans");
    if (overflows != null) {
      line.append("listen queue overflows ").append(overflows).append(", SYN retransmits ").append(synRetrans)
          .append(" since boot; ");
    }
    String load = read("/proc/loadavg");
    if (load != null) {
      line.append("load ").append(String.join(" ", List.of(load.trim().split(" ")).subList(0, 3)))
          .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores");
    }
    return line.toString();
  }

  private static String openFilesLimit() {
    String limit = field("/proc/self/limits", "Max open files");
    return limit == null ? "?" : limit.trim().split("\\s+")[0];
  }

  private static String field(String file, String prefix) {
    String text = read(file);
    if (text == null) {
      return null;
    }
    return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
        .findFirst().orElse(null);
  }

  /** A TcpExt counter from /proc/net/netstat: a line of names followed by a line of values. */
  private static String netstat(String name) {
    String text = read("/proc/net/netstat");
    if (text == null) {
      return null;
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      List<String> names = List.of(lines.get(i).split(" "));
      int at = names.indexOf(name);
      if (at > 0) {
        return lines.get(i + 1).split(" ")[at];
      }
    }
    return null;
  }

  private static String read(String file) {
    // Not Files.readString: /proc files report a size of 0, and it then read one byte of ip_local_port_range.
    try (var in = Files.newInputStream(Path.of(file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
