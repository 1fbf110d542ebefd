package io.carepulse.app;

import io.carepulse.live.LiveSettings;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything an operator can configure, in one place: built once at start from an optional JSON file whose keys are the
 * record's component names, then {@code CAREPULSE_*} environment variables (the key in upper snake case, e.g.
 * {@code httpPort} → {@code CAREPULSE_HTTP_PORT}), which win. A bad value fails start with one message naming the
 * setting where it came from.
 *
 * <p>Durations are written {@code 500ms}, {@code 120s}, {@code 2m}, {@code 1h}, or a bare number of seconds.
 */
public record AppConfig(
    String httpHost,
    int httpPort,
    String jwtSecret,
    String pgUrl,
    int maxFrameBytes,
    int framesPerSecond,
    int frameBurst,
    int maxCallsPerConnection,
    Duration resumeWindow,
    Duration idleTimeout,
    Duration helloTimeout,
    int endedCallsKept,
    int historyMemoryMb,
    LogFormat logFormat,
    int serverInstances,
    Duration shutdownGrace,
    int webhookAttempts,
    Duration webhookFirstRetry,
    int pgPoolSize,
    int journalBatchSize,
    Duration journalFlushInterval,
    int journalQueueBound,
    Duration journalStallBound,
    int retentionDays,
    String model,
    Duration dashboardLinger,
    boolean webhookAllowPrivate,
    String metricsToken,
    int managementPort,
    String managementHost,
    int restRequestsPerSecond,
    Edge edge,
    boolean cluster,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers) {

  /**
   * The socket and authentication hardening settings (docs/reliability.md, "Socket abuse"): how long a connection may
   * take to send a request's headers (and stay idle between requests), connection caps in all and per client address
   * (0 = no per-address cap), live calls per agent, how long a client may leave its write queue full, how far a frame's
   * {@code ts} may stray from its call's clock, the longest token lifetime accepted, and the web origins allowed (empty
   * = any).
   */
  public record Edge(Duration requestHeaderTimeout, int maxConnections, int maxConnectionsPerIp, int maxCallsPerAgent,
                     Duration writeStallTimeout, Duration tsTolerance, Duration maxTokenLifetime,
                     List<String> allowedOrigins) {

    public Edge {
      allowedOrigins = List.copyOf(allowedOrigins);
    }
  }

  public enum LogFormat { TEXT, JSON }

  /** HS256 wants a key at least as long as the hash (RFC 7518 §3.2): 256 bits. */
  static final int MIN_SECRET_CHARS = 32;

  private static final Set<String> KEYS = new LinkedHashSet<>(List.of(
      "httpHost", "httpPort", "jwtSecret", "pgUrl", "maxFrameBytes", "framesPerSecond", "frameBurst",
      "maxCallsPerConnection", "resumeWindow", "idleTimeout", "helloTimeout", "endedCallsKept", "historyMemoryMb",
      "logFormat", "serverInstances", "shutdownGrace", "webhookAttempts", "webhookFirstRetry", "pgPoolSize",
      "journalBatchSize", "journalFlushInterval", "journalQueueBound", "journalStallBound", "retentionDays", "model", "dashboardLinger",
      "webhookAllowPrivate", "metricsToken", "managementPort", "managementHost", "restRequestsPerSecond",
      "requestHeaderTimeout", "maxConnections", "maxConnectionsPerIp", "maxCallsPerAgent", "writeStallTimeout",
      "tsTolerance", "maxTokenLifetime", "allowedOrigins", "cluster", "clusterHost", "clusterPort", "clusterMembers"));

  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  /** A host:port of a cluster member (Hazelcast takes them one by one: a port range throws). */
  private static final Pattern MEMBER = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+]):(\\d{1,5})");

  public AppConfig {
    clusterMembers = List.copyOf(clusterMembers);
  }

  /** The same settings scoring with another model (serve --model). */
  public AppConfig withModel(String changed) {
    return new AppConfig(httpHost, httpPort, jwtSecret, pgUrl, maxFrameBytes, framesPerSecond, frameBurst,
        maxCallsPerConnection, resumeWindow, idleTimeout, helloTimeout, endedCallsKept, historyMemoryMb,
        logFormat, serverInstances,
        shutdownGrace, webhookAttempts, webhookFirstRetry, pgPoolSize, journalBatchSize, journalFlushInterval,
        journalQueueBound, journalStallBound, retentionDays, changed, dashboardLinger, webhookAllowPrivate, metricsToken,
        managementPort, managementHost, restRequestsPerSecond, edge, cluster, clusterHost, clusterPort, clusterMembers);
  }

  /** The same settings, clustered (serve --cluster). */
  public AppConfig clustered() {
    return new AppConfig(httpHost, httpPort, jwtSecret, pgUrl, maxFrameBytes, framesPerSecond, frameBurst,
        maxCallsPerConnection, resumeWindow, idleTimeout, helloTimeout, endedCallsKept, historyMemoryMb,
        logFormat, serverInstances,
        shutdownGrace, webhookAttempts, webhookFirstRetry, pgPoolSize, journalBatchSize, journalFlushInterval,
        journalQueueBound, journalStallBound, retentionDays, model, dashboardLinger, webhookAllowPrivate, metricsToken,
        managementPort, managementHost, restRequestsPerSecond, edge, true, clusterHost, clusterPort, clusterMembers);
  }

  public boolean developmentMode() {
    return jwtSecret == null;
  }

  /** The live path's share of the configuration. */
  public LiveSettings live() {
    return new LiveSettings(maxFrameBytes, framesPerSecond, frameBurst, maxCallsPerConnection, idleTimeout, helloTimeout,
        resumeWindow, endedCallsKept, dashboardLinger, edge.maxCallsPerAgent(), edge.writeStallTimeout(),
        edge.tsTolerance());
  }

  /** Webhook deliveries: attempts in all, the first retry's wait doubling up to 5 minutes, 10 s per attempt. */
  public io.carepulse.webhook.WebhookPolicy webhookPolicy() {
    return new io.carepulse.webhook.WebhookPolicy(webhookAttempts, webhookFirstRetry, Duration.ofMinutes(5),
        Duration.ofSeconds(10));
  }

  public static AppConfig defaults() {
    return from(new JsonObject(), Map.of());
  }

  /** Reads the optional file, then the environment. */
  public static AppConfig load(Path file, Map<String, String> env) {
    JsonObject json = new JsonObject();
    String origin = "";
    if (file != null) {
      origin = " in " + file;
      try {
        json = new JsonObject(Files.readString(file));
      } catch (IOException e) {
        throw new Invalid("cannot read config file " + file + ": " + e.getMessage());
      } catch (DecodeException | ClassCastException e) {
        throw new Invalid("config file " + file + " is not a JSON object: " + e.getMessage());
      }
    }
    return from(json, env, origin);
  }

  public static AppConfig from(JsonObject file, Map<String, String> env) {
    return from(file, env, "");
  }

  private static AppConfig from(JsonObject file, Map<String, String> env, String fileOrigin) {
    Set<String> unknown = new TreeSet<>(file.fieldNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new Invalid("unknown setting " + String.join(", ", unknown) + fileOrigin + "; known settings: " + String.join(", ", KEYS));
    }
    Settings s = new Settings(file, env, fileOrigin);
    int maxFrameBytes = s.integer("maxFrameBytes", 64 * 1024, 1024, 16 * 1024 * 1024);
    int framesPerSecond = s.integer("framesPerSecond", 100, 1, 1_000_000);
    return new AppConfig(
        s.text("httpHost", "0.0.0.0"),
        s.integer("httpPort", 8080, 0, 65535),
        s.secret("jwtSecret"),
        s.pgUrl("pgUrl"),
        maxFrameBytes,
        framesPerSecond,
        s.integer("frameBurst", 2 * framesPerSecond, 1, 10_000_000),
        s.integer("maxCallsPerConnection", 16, 1, 10_000),
        s.duration("resumeWindow", Duration.ofSeconds(120)),
        s.duration("idleTimeout", Duration.ofSeconds(60)),
        s.duration("helloTimeout", Duration.ofSeconds(5)),
        s.integer("endedCallsKept", 10_000, 0, 10_000_000),
        // The in-memory store's history is bounded by bytes too: at ~0.3 MB per ended call of 600 frames, 10,000 calls
        // would not fit a default heap (docs/reliability.md, "Ended-call history in memory").
        s.integer("historyMemoryMb", defaultHistoryMemoryMb(), 1, 1_000_000),
        s.logFormat("logFormat"),
        s.integer("serverInstances", Runtime.getRuntime().availableProcessors(), 1, 1024),
        s.duration("shutdownGrace", Duration.ofSeconds(10)),
        s.integer("webhookAttempts", 8, 1, 50),
        s.duration("webhookFirstRetry", Duration.ofSeconds(1)),
        s.integer("pgPoolSize", 4, 1, 100),
        // Rows per multi-row insert: 500–1,000 measured fastest here (docs/stack-notes.md); more only lengthens each transaction.
        s.integer("journalBatchSize", 1_000, 1, 10_000),
        // Flush latency is at most this plus one commit; the live path never waits on it, only acks do.
        s.duration("journalFlushInterval", Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofSeconds(5)),
        // Frames applied but not yet in PostgreSQL; past it new frames are refused (store_unavailable). At ~300 bytes
        // queued per frame, 100,000 is ~30 MB and rides out a ~20 s outage at 5,000 frames/s.
        s.integer("journalQueueBound", 100_000, 100, 10_000_000),
        // Acks held this long with nothing committed turn /ready to 503: the node cannot honour "ack means persisted",
        // so new calls should go elsewhere. Longer than a database failover; calls on the node keep being scored.
        s.duration("journalStallBound", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofHours(1)),
        // Transcript text is deleted this many days after a call ended (scores, outcomes stay); 0 keeps it forever.
        s.integer("retentionDays", 30, 0, 36_500),
        // The score model: a shipped id (care-2, care-1) or a model file written by calibrate; validated at start.
        s.text("model", "care-2"),
        // An ended call stays on supervisors' boards, faded, with its final score, for this long.
        s.duration("dashboardLinger", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(10)),
        // Webhooks to loopback, link-local or private addresses (SSRF) are refused unless this is true.
        s.bool("webhookAllowPrivate", false),
        // /metrics on the public port answers this bearer token (or an admin JWT); without either it is 401.
        s.optionalSecret("metricsToken"),
        // A second listener for /metrics, /health and /ready without a token, for scrapers on a private network; 0: none.
        s.integer("managementPort", 0, 0, 65535),
        s.text("managementHost", "127.0.0.1"),
        // REST requests per second per token (burst: twice that); past it 429 with RateLimit and Retry-After.
        s.integer("restRequestsPerSecond", 50, 1, 1_000_000),
        edge(s),
        // Clustering (docs/cluster.md): off unless asked for; the rest is read only then.
        s.bool("cluster", false),
        s.text("clusterHost", "127.0.0.1"),
        s.integer("clusterPort", 5701, 1, 65535),
        s.members("clusterMembers"));
  }

  private static Edge edge(Settings s) {
    // Below the process's file-descriptor limit, leaving room for the database pool, log files and the JVM's own.
    int fdLimit = fileDescriptorLimit();
    int defaultConnections = fdLimit > 0 ? Math.max(64, Math.min(50_000, fdLimit - Math.max(256, fdLimit / 10))) : 10_000;
    return new Edge(
        // Slow-header (slowloris) and idle connections hold a file descriptor each; a real client sends its headers at once.
        s.duration("requestHeaderTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
        s.integer("maxConnections", defaultConnections, 1, 10_000_000),
        // Agents behind one NAT or proxy share an address: high enough for a contact centre's site, 0 turns it off.
        s.integer("maxConnectionsPerIp", Math.min(defaultConnections, 2_000), 0, 10_000_000),
        s.integer("maxCallsPerAgent", 64, 1, 100_000),
        s.duration("writeStallTimeout", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1)),
        // Frames are stamped by the client's clock; a call's frames come from one clock, so minutes is generous.
        s.duration("tsTolerance", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)),
        s.duration("maxTokenLifetime", Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(1)),
        s.origins("allowedOrigins"));
  }

  /** A quarter of the maximum heap, at most 256 MB and at least 16 MB. */
  static int defaultHistoryMemoryMb() {
    long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return (int) Math.max(16, Math.min(256, maxHeapMb / 4));
  }

  /** The process's open-file limit, or 0 where the platform does not say. */
  static int fileDescriptorLimit() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return (int) Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount());
    }
    return 0;
  }

  /** {@code 500ms}, {@code 120s}, {@code 2m}, {@code 1h} or bare seconds, above 0 and at most a day; null otherwise. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration value = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
      return !value.isZero() && value.compareTo(Duration.ofDays(1)) <= 0 ? value : null;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** {@code resumeWindow} → {@code CAREPULSE_RESUME_WINDOW}. */
  public static String envName(String key) {
    return "CAREPULSE_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** A configuration value that cannot start the service; the message is meant for the operator as is. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message);
    }
  }

  private record Settings(JsonObject file, Map<String, String> env, String fileOrigin) {

    /** The raw value and where it came from, or null when neither source sets it. */
    private Raw raw(String key) {
      String envName = envName(key);
      String fromEnv = env.get(envName);
      if (fromEnv != null) {
        return new Raw(fromEnv.trim(), envName);
      }
      Object fromFile = file.getValue(key);
      return fromFile == null ? null : new Raw(String.valueOf(fromFile).trim(), key + fileOrigin);
    }

    String text(String key, String fallback) {
      Raw raw = raw(key);
      if (raw == null) {
        return fallback;
      }
      if (raw.value.isEmpty()) {
        throw new Invalid(raw.origin + " must not be empty");
      }
      return raw.value;
    }

    int integer(String key, int fallback, int min, int max) {
      Raw raw = raw(key);
      if (raw == null) {
        return fallback;
      }
      try {
        int value = Integer.parseInt(raw.value);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException ignored) {
        // reported below with the allowed range
      }
      throw new Invalid(raw.origin + " must be an integer from " + min + " to " + max + ", got '" + raw.value + "'");
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
      Duration value = duration(key, fallback);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        Raw raw = raw(key);
        throw new Invalid(raw.origin + " must be from " + min.toMillis() + "ms to " + max.toMillis() + "ms, got '"
            + raw.value + "'");
      }
      return value;
    }

    Duration duration(String key, Duration fallback) {
      Raw raw = raw(key);
      if (raw == null) {
        return fallback;
      }
      Duration value = parseDuration(raw.value);
      if (value == null) {
        throw new Invalid(raw.origin + " must be a duration above 0 and at most 1 day such as 500ms, 120s, 2m or 1h, got '"
            + raw.value + "'");
      }
      return value;
    }

    /** A shared secret that, when set, must be long enough not to be guessed. */
    String optionalSecret(String key) {
      Raw raw = raw(key);
      if (raw == null || raw.value.isEmpty()) {
        return null;
      }
      if (raw.value.length() < MIN_SECRET_CHARS) {
        throw new Invalid(raw.origin + " must have at least " + MIN_SECRET_CHARS + " characters; got "
            + raw.value.length());
      }
      return raw.value;
    }

    String secret(String key) {
      Raw raw = raw(key);
      if (raw == null || raw.value.isEmpty()) {
        return null;
      }
      if (raw.value.length() < MIN_SECRET_CHARS) {
        throw new Invalid(raw.origin + " must have at least " + MIN_SECRET_CHARS
            + " characters (HS256 needs a 256-bit key); got " + raw.value.length());
      }
      return raw.value;
    }

    String pgUrl(String key) {
      Raw raw = raw(key);
      if (raw == null || raw.value.isEmpty()) {
        return null;
      }
      if (!raw.value.startsWith("postgresql://") && !raw.value.startsWith("postgres://")) {
        throw new Invalid(raw.origin + " must be a postgresql:// URL");
      }
      try {
        io.vertx.pgclient.PgConnectOptions.fromUri(raw.value);
      } catch (RuntimeException e) {
        throw new Invalid(raw.origin + " must look like postgresql://user[:password]@host:port/database: "
            + e.getMessage());
      }
      return raw.value;
    }

    boolean bool(String key, boolean fallback) {
      Raw raw = raw(key);
      if (raw == null) {
        return fallback;
      }
      return switch (raw.value.toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new Invalid(raw.origin + " must be true or false, got '" + raw.value + "'");
      };
    }

    /** Comma-separated host:port list; empty means this member alone until others join it. */
    List<String> members(String key) {
      Raw raw = raw(key);
      if (raw == null || raw.value.isEmpty()) {
        return List.of();
      }
      List<String> members = new java.util.ArrayList<>();
      for (String member : raw.value.split(",")) {
        String trimmed = member.trim();
        Matcher m = MEMBER.matcher(trimmed);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
          throw new Invalid(raw.origin + " must be a comma-separated list of host:port (one port each, no ranges), "
              + "got '" + trimmed + "'");
        }
        members.add(trimmed);
      }
      return members;
    }

    /**
     * Web origins, {@code scheme://host[:port]}: comma-separated in the environment, a list or that string in the file;
     * empty when unset.
     */
    List<String> origins(String key) {
      Raw raw = raw(key);
      if (raw == null) {
        return List.of();
      }
      List<String> values = env.get(envName(key)) == null && file.getValue(key) instanceof io.vertx.core.json.JsonArray array
          ? array.stream().map(String::valueOf).toList()
          : java.util.Arrays.asList(raw.value.split(","));
      List<String> origins = new java.util.ArrayList<>();
      for (String value : values) {
        String origin = value.trim();
        if (origin.isEmpty()) {
          continue;
        }
        if (!ORIGIN.matcher(origin).matches()) {
          throw new Invalid(raw.origin + " must list origins such as https://crm.example.com or http://localhost:3000"
              + " (scheme, host, optional port; no path), got '" + origin + "'");
        }
        origins.add(origin.toLowerCase(Locale.ROOT));
      }
      return List.copyOf(origins);
    }

    LogFormat logFormat(String key) {
      Raw raw = raw(key);
      if (raw == null) {
        return LogFormat.TEXT;
      }
      return switch (raw.value.toLowerCase(Locale.ROOT)) {
        case "text" -> LogFormat.TEXT;
        case "json" -> LogFormat.JSON;
        default -> throw new Invalid(raw.origin + " must be text or json, got '" + raw.value + "'");
      };
    }
  }

  private record Raw(String value, String origin) {
  }
}
