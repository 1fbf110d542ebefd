package io.carepulse.wire;

import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the frames a supervisor sends on {@code /v1/supervisor} against the {@code supervisor.*.json} schemas
 * published beside asyncapi.yaml. Frames stay JSON objects: there are four small ones and the gateway reads two fields.
 * Thread-safe; build once.
 */
public final class SupervisorFrameReader {

  private static final String BASE_URI = "https://carepulse.io/v1/asyncapi/schemas/";
  /** The frame types a supervisor may send; each is validated by {@code supervisor.<type>.json}. */
  public static final List<String> TYPES = List.of("hello", "whisper", "watch", "unwatch");

  private final Map<String, Validator> validators = new LinkedHashMap<>();

  private SupervisorFrameReader() {
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
        .setDraft(Draft.DRAFT7).setBaseUri(BASE_URI).setOutputFormat(OutputFormat.Basic));
    repository.dereference(BASE_URI + "common.json",
        JsonSchema.of(new JsonObject(FrameReader.loadResource(FrameReader.SCHEMA_DIR + "common.json"))));
    for (String type : TYPES) {
      String file = "supervisor." + type + ".json";
      repository.dereference(BASE_URI + file, JsonSchema.of(new JsonObject(FrameReader.loadResource(FrameReader.SCHEMA_DIR + file))));
      validators.put(type, repository.validator(BASE_URI + file));
    }
  }

  public static SupervisorFrameReader load() {
    return new SupervisorFrameReader();
  }

  /** The validated frame, or the error to send back ({@code bad_json} or {@code invalid}, naming the field). */
  public Read read(String text) {
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException | ClassCastException e) {
      return new Read.Refused(ProtocolError.of(ErrorCode.BAD_JSON, "frame is not valid JSON"));
    }
    if (!(parsed instanceof JsonObject json)) {
      return new Read.Refused(ProtocolError.of(ErrorCode.BAD_JSON, "frame must be a JSON object"));
    }
    if (!(json.getValue("type") instanceof String type) || !validators.containsKey(type)) {
      return new Read.Refused(ProtocolError.of(ErrorCode.INVALID, "type must be one of " + String.join(", ", TYPES)));
    }
    OutputUnit result = validators.get(type).validate(json);
    if (!Boolean.TRUE.equals(result.getValid())) {
      return new Read.Refused(ProtocolError.of(ErrorCode.INVALID, describe(type, result)));
    }
    String nul = TextWithNul.find(json);
    if (nul != null) {
      // A whisper is stored in history, and PostgreSQL refuses U+0000 (see TextWithNul).
      return new Read.Refused(ProtocolError.of(ErrorCode.INVALID, type + "." + nul + " must not contain U+0000"));
    }
    return new Read.Accepted(type, json);
  }

  /** "whisper.text: ..." from the deepest error the validator reports. */
  private static String describe(String type, OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    OutputUnit leaf = null;
    for (OutputUnit error : errors) {
      if (leaf == null || depth(error) >= depth(leaf)) {
        leaf = error;
      }
    }
    if (leaf == null) {
      return type + " does not match its schema";
    }
    String field = leaf.getInstanceLocation() == null ? "" : leaf.getInstanceLocation().replaceFirst("^#?/?", "")
        .replace('/', '.');
    return (field.isEmpty() ? type : type + "." + field) + ": " + leaf.getError();
  }

  private static int depth(OutputUnit error) {
    String location = error.getKeywordLocation();
    return location == null ? 0 : location.split("/").length;
  }

  /** A supervisor frame, or why it was refused. */
  public sealed interface Read permits Read.Accepted, Read.Refused {

    record Accepted(String type, JsonObject json) implements Read {
    }

    record Refused(ProtocolError error) implements Read {
    }
  }
}
