package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tokens development mode prints see every bundled call, whatever team its recording names. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DevelopmentModeTest {

  @Test
  void thePrintedTokensCoverTheTeamsOfEveryBundledCall() throws IOException {
    Set<String> teams = new TreeSet<>();
    for (String dir : new String[] {"samples/demo/", "samples/hvb/"}) {
      for (String name : resource(dir + "index.txt").lines().filter(l -> !l.isBlank()).toList()) {
        teams.add(new JsonObject(resource(dir + name).lines().findFirst().orElseThrow()).getString("teamId"));
      }
    }
    teams.add(new JsonObject(Files.readString(Path.of("web/agent-sdk/demo/sample-call.json"))).getString("teamId"));
    assertThat(DevelopmentMode.SAMPLE_TEAMS).containsAll(teams);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DevelopmentModeTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
