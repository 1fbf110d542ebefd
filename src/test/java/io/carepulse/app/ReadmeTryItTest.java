package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Try it" and REST sections, run as a newcomer runs them: the service starts in development mode, its
 * banner's {@code export} lines become the environment, then every {@code java -jar target/carepulse.jar …} line of
 * those sections (simulate, replay) and every {@code curl} line runs, parsed out of README.md itself, so the README
 * cannot drift from the product. Only the address changes (a free port instead of 8080) and simulate runs as fast as
 * acks come back instead of in real time.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReadmeTryItTest {

  private static final Path README = Path.of("README.md");
  private static final String JAR = "java -jar target/carepulse.jar";
  private static final Pattern CODE_BLOCK = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern EXPORT = Pattern.compile("^\\s*export (\\w+)=(\\S+)", Pattern.MULTILINE);
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

  @TempDir
  Path scratch;

  @Test
  void everyCommandOfTheTryItAndEveryRestCurlRunsAsWritten(Vertx vertx) throws Exception {
    requireTools();
    AppConfig config = AppConfig.from(new JsonObject().put("httpHost", "127.0.0.1").put("httpPort", 0)
        .put("serverInstances", 2), Map.of());
    assertThat(config.developmentMode()).as("no secret configured: development mode, as on a fresh clone").isTrue();
    CarePulseService service = CarePulseService.start(vertx, config,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
    String base = "http://127.0.0.1:" + service.port();

    // 1. the banner: sign-in links and the export lines for the second terminal
    ByteArrayOutputStream banner = new ByteArrayOutputStream();
    DevelopmentMode.announce(new PrintStream(banner, true, StandardCharsets.UTF_8), service);
    String printed = banner.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains(base + "/#token=eyJ").contains(base + "/leaders#token=eyJ");
    Map<String, String> env = new LinkedHashMap<>(exports(printed));
    assertThat(env).containsKeys("CAREPULSE_DEV_SECRET", "CAREPULSE_AGENT_TOKEN", "CAREPULSE_SUPERVISOR_TOKEN",
        "CAREPULSE_INTEGRATOR_TOKEN", "CAREPULSE_ADMIN_TOKEN");

    List<String> lines = commandLines(section(Files.readString(README, StandardCharsets.UTF_8)));
    List<String> commands = lines.stream().filter(l -> l.startsWith(JAR + " ")).toList();
    List<String> curls = lines.stream().filter(l -> l.startsWith("curl ")).toList();
    assertThat(commands).as("the try-it's commands").anyMatch(c -> c.contains(" simulate"))
        .anyMatch(c -> c.contains(" replay"));
    assertThat(curls).as("the REST curls").hasSizeGreaterThanOrEqualTo(3);

    // 2. simulate and replay, each as written (simulate pointed at this service, and fast)
    for (String command : commands) {
      List<String> args = new ArrayList<>(words(command.substring(JAR.length())));
      if (args.get(0).equals("simulate")) {
        args.addAll(List.of("--url", "ws://127.0.0.1:" + service.port() + "/v1/agent", "--speed", "0"));
      }
      Run run = java(args, env);
      assertThat(run.status()).as("%s\n%s", command, run.output()).isZero();
      Matcher callId = Pattern.compile("export CALL_ID=(\\S+)").matcher(run.output());
      if (callId.find()) {
        env.put("CALL_ID", callId.group(1));
      }
      if (args.get(0).equals("simulate")) {
        assertThat(run.output()).contains("12 calls: 12 completed, 0 failed").contains("survey results posted: 12 of 12");
      }
      if (args.get(0).equals("replay")) {
        assertThat(run.output()).contains("customer Dana Whitfield").contains("PROMPT");
      }
    }
    assertThat(env).as("simulate prints the call id the curls use").containsKey("CALL_ID");

    // 3. every curl, with only the address changed; each variable it reads was printed by a step before
    for (String curl : curls) {
      Matcher variables = VARIABLE.matcher(curl);
      while (variables.find()) {
        assertThat(env).as("%s reads $%s, which neither the banner nor simulate printed", curl, variables.group(1))
            .containsKey(variables.group(1));
      }
      Path body = scratch.resolve("body.json");
      String line = curl.replace("http://localhost:8080", base)
          .replaceFirst("^curl ", "curl -sS -o '" + body + "' -w '%{http_code}' ");
      Run run = bash(line, env);
      assertThat(run.status()).as("%s\n%s", curl, run.output()).isZero();
      assertThat(run.output().strip()).as("HTTP status of %s; body %s", curl, Files.readString(body)).matches("20[01]");
      JsonObject answer = new JsonObject(Files.readString(body));
      if (curl.contains("/v1/calls?")) {
        assertThat(answer.getJsonArray("items")).as("ended calls of team demo").isNotEmpty();
      } else if (curl.contains("/timeline")) {
        assertThat(answer.getJsonArray("points")).isNotEmpty();
      } else if (curl.contains("/outcome")) {
        assertThat(answer.getInteger("csat")).isEqualTo(4);
      } else if (curl.contains("/v1/reports/teams")) {
        assertThat(answer.getJsonArray("teams")).isNotEmpty();
        assertThat(answer.getJsonArray("teams").getJsonObject(0).getJsonArray("series")).isNotEmpty();
      }
    }
    service.shutdown().await();
  }

  /** From "## Try it" up to "## What is where": the try-it and the REST curls. */
  static String section(String readme) {
    int start = readme.indexOf("## Try it");
    int end = readme.indexOf("## What is where");
    assertThat(start).as("README has a '## Try it' section").isNotNegative();
    assertThat(end).as("README has '## What is where' after it").isGreaterThan(start);
    return readme.substring(start, end);
  }

  /** Every line of every code block, continuation lines ({@code \}) joined. */
  static List<String> commandLines(String markdown) {
    List<String> lines = new ArrayList<>();
    Matcher block = CODE_BLOCK.matcher(markdown);
    while (block.find()) {
      StringBuilder pending = new StringBuilder();
      for (String raw : block.group(1).split("\n")) {
        String line = raw.strip();
        if (line.endsWith("\\")) {
          pending.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        pending.append(line);
        if (!pending.toString().isBlank()) {
          lines.add(pending.toString().replaceAll("\\s+", " ").strip());
        }
        pending.setLength(0);
      }
    }
    return lines;
  }

  static Map<String, String> exports(String banner) {
    Map<String, String> exports = new LinkedHashMap<>();
    Matcher m = EXPORT.matcher(banner);
    while (m.find()) {
      exports.put(m.group(1), m.group(2));
    }
    return exports;
  }

  /** Shell-like words: spaces split, single or double quotes keep a word whole. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return words;
  }

  private record Run(int status, String output) {
  }

  /** {@code java -jar target/carepulse.jar ARGS}, from the test class path (the jar is built after the tests). */
  private Run java(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return run(new ProcessBuilder(command), env, 120);
  }

  private Run bash(String line, Map<String, String> env) throws IOException, InterruptedException {
    return run(new ProcessBuilder("bash", "-c", line), env, 30);
  }

  private Run run(ProcessBuilder builder, Map<String, String> env, int seconds) throws IOException,
      InterruptedException {
    builder.environment().keySet().removeIf(key -> key.startsWith("CAREPULSE_") || key.equals("CALL_ID"));
    builder.environment().putAll(env);
    builder.environment().put("TERM", "dumb");
    Path output = Files.createTempFile(scratch, "out", ".txt");
    Process process = builder.directory(new File(".")).redirectErrorStream(true).redirectOutput(output.toFile())
        .start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", builder.command()) + " did not finish within " + seconds + " s:\n"
          + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output));
  }

  private static void requireTools() {
    for (String tool : List.of("bash", "curl")) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        found |= Files.isExecutable(Path.of(dir, tool));
      }
      if (!found) {
        String message = "ReadmeTryItTest runs the README's curl lines: it needs " + tool + ".";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(message);
        }
        Assumptions.abort(message + " Skipped outside CI.");
      }
    }
  }
}
