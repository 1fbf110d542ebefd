package io.carepulse.wire;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.Frame;
import io.carepulse.protocol.Hello;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns one inbound text frame into a validated {@link Frame} or a {@link ProtocolError}, validating against the JSON
 * Schemas published beside asyncapi.yaml, so the contract clients read is exactly the one the server enforces.
 *
 * <p>Validators are built once; {@link #read} is thread-safe and needs no Vert.x instance, so the live gateway and the
 * offline replay share one reader.
 */
public final class FrameReader {

  /** Where the schemas live on the class path; the service serves the same files under /v1/asyncapi/schemas/. */
  public static final String SCHEMA_DIR = "asyncapi/schemas/";

  /** Only an identifier for resolving the relative $refs between schema files; nothing is fetched from it. */
  private static final String BASE_URI = "https://carepulse.io/v1/asyncapi/schemas/";

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private static final Map<String, Function<JsonObject, Frame>> DECODERS = decoders();

  /**
   * Jackson's streaming parser into the JsonObject tree, without the databind layer {@code Json.decodeValue} adds: the
   * same JsonFactory and features (so the same values, number types, trailing-token and comment rules), for less.
   */
  private static final JacksonCodec JSON = new JacksonCodec();

  /** Every schema file, by name; common.json holds the shared definitions. */
  public static final List<String> SCHEMA_FILES = schemaFiles();

  private final Map<String, Validator> validators = new HashMap<>();
  private final Map<String, JsonObject> rawSchemas = new HashMap<>();
  private final Map<String, SchemaFastPath> fastPaths = new HashMap<>();

  private FrameReader() {
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
        .setDraft(Draft.DRAFT7)
        .setBaseUri(BASE_URI)
        .setOutputFormat(OutputFormat.Basic));
    for (String file : SCHEMA_FILES) {
      JsonObject schema = new JsonObject(loadResource(SCHEMA_DIR + file));
      rawSchemas.put(BASE_URI + file, schema);
      repository.dereference(BASE_URI + file, JsonSchema.of(schema));
    }
    // Fresh copies: dereferencing annotates the schema objects it was given.
    Map<String, JsonObject> byFile = new HashMap<>();
    for (String file : SCHEMA_FILES) {
      byFile.put(file, new JsonObject(loadResource(SCHEMA_DIR + file)));
    }
    for (String type : DECODERS.keySet()) {
      validators.put(type, repository.validator(BASE_URI + type + ".json"));
      fastPaths.put(type, SchemaFastPath.compile(byFile.get(type + ".json"), type + ".json", byFile));
    }
  }

  /** Builds the validators from the class path; call once and share. */
  public static FrameReader load() {
    return new FrameReader();
  }

  /** The frame types of protocol v1, in the order the protocol lists them. */
  public static List<String> frameTypes() {
    return List.copyOf(DECODERS.keySet());
  }

  public static String loadResource(String path) {
    try (InputStream in = FrameReader.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FrameRead read(String text) {
    if (AcousticFastRead.candidate(text)) {
      Acoustic fast = AcousticFastRead.read(text);
      if (fast != null) {
        return new FrameRead.Accepted(fast);
      }
    } else if (UtteranceFastRead.candidate(text)) {
      Utterance fast = UtteranceFastRead.read(text);
      if (fast != null) {
        return new FrameRead.Accepted(fast);
      }
    }
    Object parsed;
    try {
      parsed = JSON.fromString(text, Object.class);
    } catch (DecodeException | ClassCastException e) {
      return refused(ProtocolError.of(ErrorCode.BAD_JSON, "frame is not valid JSON"));
    }
    if (!(parsed instanceof JsonObject json)) {
      return refused(ProtocolError.of(ErrorCode.BAD_JSON, "frame must be a JSON object"));
    }
    return read(json);
  }

  public FrameRead read(JsonObject json) {
    String callId = callIdOf(json);
    Long seq = seqOf(json);
    Object type = json.getValue("type");
    if (type == null) {
      return invalid("type is required", callId, seq);
    }
    if (!(type instanceof String typeName) || !DECODERS.containsKey(typeName)) {
      return invalid("type must be one of " + String.join(", ", DECODERS.keySet()), callId, seq);
    }
    if (!fastPaths.get(typeName).certainlyValid(json)) {
      OutputUnit result = validators.get(typeName).validate(json);
      if (!Boolean.TRUE.equals(result.getValid())) {
        return invalid(describe(typeName, json, result), callId, seq);
      }
    }
    String nul = TextWithNul.find(json);
    if (nul != null) {
      return invalid(typeName + "." + nul + " must not contain U+0000", callId, seq);
    }
    return new FrameRead.Accepted(DECODERS.get(typeName).apply(json));
  }

  /** The full validator's verdict alone, for tests of the fast path. */
  boolean schemaValid(String type, JsonObject json) {
    return Boolean.TRUE.equals(validators.get(type).validate(json).getValid());
  }

  /** The fast path's verdict alone: true means certainly valid. */
  boolean fastPathValid(String type, JsonObject json) {
    return fastPaths.get(type).certainlyValid(json);
  }

  private static FrameRead refused(ProtocolError error) {
    return new FrameRead.Refused(error);
  }

  private static FrameRead invalid(String message, String callId, Long seq) {
    return refused(new ProtocolError(ErrorCode.INVALID, message, callId, seq));
  }

  /** The callId to echo in an error, only when it is a well-formed one (never echo garbage back). */
  private static String callIdOf(JsonObject json) {
    Object value = json.getValue("callId");
    return value instanceof String s && CALL_ID.matcher(s).matches() ? s : null;
  }

  /**
   * The seq to echo in an error: only an integer a JSON client can hold exactly (|seq| ≤ 2^53−1). A larger one (a
   * BigInteger, or a double such as 1e20) would come back wrapped or rounded, naming a frame the client never sent.
   */
  private static Long seqOf(JsonObject json) {
    if (!(json.getValue("seq") instanceof Number n)) {
      return null;
    }
    try {
      java.math.BigDecimal exact = new java.math.BigDecimal(n.toString());
      if (exact.abs().compareTo(MAX_SAFE_SEQ) > 0) {
        return null;
      }
      return exact.longValueExact();
    } catch (NumberFormatException | ArithmeticException notAnInteger) {
      return null;
    }
  }

  private static final java.math.BigDecimal MAX_SAFE_SEQ = java.math.BigDecimal.valueOf(9_007_199_254_740_991L);

  // ---- error messages: "<type>.<field> <rule>", from the first leaf error the validator reports

  private String describe(String type, JsonObject json, OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    for (OutputUnit error : errors) {
      String keyword = lastSegment(error.getKeywordLocation());
      if (keyword.equals("properties") || keyword.equals("$ref") || keyword.equals("items")
          || keyword.equals("prefixItems") || keyword.equals("allOf")) {
        continue;
      }
      return describe(type, json, error, keyword);
    }
    return type + " does not match its schema";
  }

  private String describe(String type, JsonObject json, OutputUnit error, String keyword) {
    String field = fieldPath(error.getInstanceLocation());
    Object rule = keywordValue(error.getAbsoluteKeywordLocation());
    String where = field.isEmpty() ? type : type + "." + field;
    switch (keyword) {
      case "required": {
        String missing = missingRequired(json, error.getInstanceLocation(), rule);
        return (missing == null ? where : where + "." + missing) + " is required";
      }
      case "enum":
        return where + " must be one of " + joined(rule);
      case "const":
        return where + " must be " + rule;
      case "type":
        return where + " must be " + article(String.valueOf(rule));
      case "pattern":
        return where + " must match " + rule;
      case "minimum":
        return where + " must be at least " + rule;
      case "maximum":
        return where + " must be at most " + rule;
      case "minLength":
        return where + " must have at least " + rule + " characters";
      case "maxLength":
        return where + " must have at most " + rule + " characters";
      case "maxItems":
        return where + " must have at most " + rule + " items";
      case "maxProperties":
        return where + " must have at most " + rule + " properties";
      default:
        return where + ": " + error.getError();
    }
  }

  private Object keywordValue(String absoluteKeywordLocation) {
    if (absoluteKeywordLocation == null) {
      return null;
    }
    int hash = absoluteKeywordLocation.indexOf('#');
    if (hash < 0) {
      return null;
    }
    JsonObject schema = rawSchemas.get(absoluteKeywordLocation.substring(0, hash));
    String pointer = absoluteKeywordLocation.substring(hash + 1);
    return schema == null ? null : JsonPointer.from(pointer).queryJson(schema);
  }

  private static String missingRequired(JsonObject json, String instanceLocation, Object required) {
    Object target = instanceLocation == null || instanceLocation.equals("#")
        ? json : JsonPointer.from(instanceLocation.substring(1)).queryJson(json);
    if (target instanceof JsonObject object && required instanceof JsonArray names) {
      for (Object name : names) {
        if (!object.containsKey(String.valueOf(name))) {
          return String.valueOf(name);
        }
      }
    }
    return null;
  }

  /** "#/resume/0/callId" → "resume[0].callId". */
  private static String fieldPath(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    String pointer = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    StringBuilder path = new StringBuilder();
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        path.append('[').append(name).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(name);
      }
    }
    return path.toString();
  }

  private static String lastSegment(String keywordLocation) {
    if (keywordLocation == null) {
      return "";
    }
    int slash = keywordLocation.lastIndexOf('/');
    return slash < 0 ? keywordLocation : keywordLocation.substring(slash + 1);
  }

  private static String joined(Object values) {
    if (values instanceof JsonArray array) {
      List<String> names = new ArrayList<>();
      array.forEach(value -> names.add(String.valueOf(value)));
      return String.join(", ", names);
    }
    return String.valueOf(values);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "object", "array" -> "an " + type;
      default -> "a " + type;
    };
  }

  // ---- decoding of validated JSON into the frame records

  private static Map<String, Function<JsonObject, Frame>> decoders() {
    Map<String, Function<JsonObject, Frame>> decoders = new LinkedHashMap<>();
    decoders.put("hello", FrameReader::hello);
    decoders.put("call.start", FrameReader::callStart);
    decoders.put("utterance", FrameReader::utterance);
    decoders.put("acoustic", FrameReader::acoustic);
    decoders.put("event", FrameReader::event);
    decoders.put("emotion", FrameReader::emotion);
    decoders.put("prompt.feedback", FrameReader::promptFeedback);
    decoders.put("call.end", FrameReader::callEnd);
    return decoders;
  }

  private static List<String> schemaFiles() {
    List<String> files = new ArrayList<>();
    files.add("common.json");
    DECODERS.keySet().forEach(type -> files.add(type + ".json"));
    return List.copyOf(files);
  }

  private static Frame hello(JsonObject json) {
    JsonObject client = json.getJsonObject("client");
    List<Hello.ResumeRequest> resume = new ArrayList<>();
    JsonArray requested = json.getJsonArray("resume");
    if (requested != null) {
      for (int i = 0; i < requested.size(); i++) {
        JsonObject entry = requested.getJsonObject(i);
        resume.add(new Hello.ResumeRequest(entry.getString("callId"), entry.getLong("lastSeq")));
      }
    }
    return new Hello(json.getString("token"),
        client == null ? null : new Hello.ClientInfo(client.getString("name"), client.getString("version")),
        resume);
  }

  private static Frame callStart(JsonObject json) {
    JsonObject customer = json.getJsonObject("customer");
    JsonObject metadata = json.getJsonObject("metadata");
    Map<String, Object> meta = new LinkedHashMap<>();
    if (metadata != null) {
      // Map.copyOf in the record refuses nulls; a null metadata value carries no information anyway.
      metadata.forEach(entry -> {
        if (entry.getValue() != null) {
          meta.put(entry.getKey(), entry.getValue());
        }
      });
    }
    return new CallStart(json.getString("callId"), json.getLong("seq"), json.getLong("ts"),
        customer == null ? null : new CallStart.Customer(customer.getString("id"), customer.getString("name")),
        json.getString("teamId"), json.getString("locale"), meta);
  }

  private static Frame utterance(JsonObject json) {
    return new Utterance(json.getString("callId"), json.getLong("seq"), json.getLong("ts"),
        Speaker.fromWire(json.getString("speaker")), json.getString("text"), json.getBoolean("final"),
        json.getLong("startMs"), json.getLong("endMs"), json.getString("utteranceId"));
  }

  private static Frame acoustic(JsonObject json) {
    return new Acoustic(json.getString("callId"), json.getLong("seq"), json.getLong("ts"),
        Speaker.fromWire(json.getString("speaker")), json.getLong("windowMs"), json.getDouble("rmsDb"),
        json.getDouble("pitchHz"), json.getDouble("voicedRatio"), json.getDouble("wordsPerMin"));
  }

  private static Frame event(JsonObject json) {
    return new SoftphoneEvent(json.getString("callId"), json.getLong("seq"), json.getLong("ts"),
        SoftphoneEvent.Kind.fromWire(json.getString("kind")), json.getString("detail"));
  }

  private static Frame emotion(JsonObject json) {
    return new EmotionEstimate(json.getString("callId"), json.getLong("seq"), json.getLong("ts"),
        Speaker.fromWire(json.getString("speaker")), json.getDouble("valence"), json.getDouble("arousal"),
        json.getString("label"), json.getString("source"), json.getDouble("confidence"));
  }

  private static Frame promptFeedback(JsonObject json) {
    return new PromptFeedback(json.getString("callId"), json.getLong("seq"), json.getLong("ts"),
        json.getString("promptId"), PromptFeedback.Action.fromWire(json.getString("action")));
  }

  private static Frame callEnd(JsonObject json) {
    return new CallEnd(json.getString("callId"), json.getLong("seq"), json.getLong("ts"), json.getString("reason"));
  }
}
