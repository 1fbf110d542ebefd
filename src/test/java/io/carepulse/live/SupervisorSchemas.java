package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.wire.AsyncApiDocument;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks server frames against the schemas published beside asyncapi.yaml, so the document says what is sent. */
final class SupervisorSchemas {

  private static final String BASE = "https://carepulse.io/v1/asyncapi/schemas/";
  private static final Map<String, String> BY_TYPE = Map.ofEntries(
      Map.entry("welcome", "supervisor.welcome.json"), Map.entry("snapshot", "supervisor.snapshot.json"),
      Map.entry("call", "supervisor.call.json"), Map.entry("call.ended", "supervisor.call.ended.json"),
      Map.entry("call.detail", "supervisor.call.detail.json"), Map.entry("whisper.result", "supervisor.whisper.result.json"),
      Map.entry("alert.raised", "alert.json"), Map.entry("alert.cleared", "alert.json"),
      Map.entry("kudos.awarded", "kudos.awarded.json"), Map.entry("error", "error.json"), Map.entry("kudos", "kudos.json"));

  private final SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT7)
      .setBaseUri(BASE).setOutputFormat(OutputFormat.Basic));

  SupervisorSchemas() {
    List<String> files = new ArrayList<>(List.of("common.json", "error.json", "kudos.json"));
    files.addAll(AsyncApiDocument.SUPERVISOR_SCHEMAS);
    for (String file : files) {
      repository.dereference(BASE + file, JsonSchema.of(new JsonObject(FrameReader.loadResource(FrameReader.SCHEMA_DIR + file))));
    }
  }

  void assertValid(JsonObject message) {
    String file = BY_TYPE.get(message.getString("type"));
    assertThat(file).as("a schema for %s", message).isNotNull();
    OutputUnit result = repository.validator(BASE + file).validate(message);
    assertThat(result.getValid()).as("%s against %s: %s", message, file, result.getErrors()).isTrue();
  }
}
