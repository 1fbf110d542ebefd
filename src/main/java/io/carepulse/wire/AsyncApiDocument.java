package io.carepulse.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The AsyncAPI document of the agent channel and every JSON Schema beside it, read once from the class path. */
public final class AsyncApiDocument {

  /** Schemas of server-to-client messages; the client frames' schemas are {@link FrameReader#SCHEMA_FILES}. */
  private static final List<String> SERVER_SCHEMAS =
      List.of("welcome.json", "ack.json", "score.json", "prompt.json", "whisper.json", "error.json", "kudos.json");

  /** The supervisor channel's schemas, both directions, and the alert/kudos messages it shares with the event bus. */
  public static final List<String> SUPERVISOR_SCHEMAS = List.of("supervisor.hello.json", "supervisor.whisper.json",
      "supervisor.watch.json", "supervisor.unwatch.json", "supervisor.welcome.json", "supervisor.snapshot.json",
      "supervisor.call.json", "supervisor.call.ended.json", "supervisor.call.detail.json",
      "supervisor.whisper.result.json", "alert.json", "kudos.awarded.json");

  private final String yaml;
  private final Map<String, String> schemas;

  private AsyncApiDocument(String yaml, Map<String, String> schemas) {
    this.yaml = yaml;
    this.schemas = schemas;
  }

  public static AsyncApiDocument load() {
    Map<String, String> schemas = new LinkedHashMap<>();
    for (String name : FrameReader.SCHEMA_FILES) {
      schemas.put(name, FrameReader.loadResource(FrameReader.SCHEMA_DIR + name));
    }
    for (String name : java.util.stream.Stream.concat(SERVER_SCHEMAS.stream(), SUPERVISOR_SCHEMAS.stream()).toList()) {
      schemas.put(name, FrameReader.loadResource(FrameReader.SCHEMA_DIR + name));
    }
    return new AsyncApiDocument(FrameReader.loadResource("asyncapi/asyncapi.yaml"), Map.copyOf(schemas));
  }

  public String yaml() {
    return yaml;
  }

  public Optional<String> schema(String name) {
    return Optional.ofNullable(schemas.get(name));
  }
}
