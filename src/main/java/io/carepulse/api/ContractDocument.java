package io.carepulse.api;

import io.carepulse.wire.FrameReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi.yaml, as served to integrators and as given to vertx-openapi. The library (5.0.8) refuses a contract whose
 * responses use media types outside its short list — application/problem+json and application/yaml among them — so
 * the copy it gets names those application/json and text/plain. It only validates requests at run time, whose
 * bodies are all application/json, so nothing it checks changes; the document clients read is untouched.
 */
public final class ContractDocument {

  /** Where the contract is on the class path (copied from the repository root at build time). */
  public static final String RESOURCE = "openapi/openapi.yaml";

  /** Media types the library cannot take, and what its copy says instead. */
  public static final Map<String, String> STAND_INS = Map.of(
      "application/problem+json", "application/json",
      "application/yaml", "text/plain",
      "application/x-ndjson", "text/plain");

  private final String yaml;
  private final JsonObject model;

  private ContractDocument(String yaml) {
    this.yaml = yaml;
    Object parsed = new Yaml().load(yaml);
    this.model = new JsonObject(Json.encode(parsed));
  }

  public static ContractDocument load() {
    return new ContractDocument(FrameReader.loadResource(RESOURCE));
  }

  public String yaml() {
    return yaml;
  }

  /** The contract as the library accepts it. */
  public Future<OpenAPIContract> contract(Vertx vertx) {
    return OpenAPIContract.from(vertx, forLibrary());
  }

  JsonObject forLibrary() {
    JsonObject copy = model.copy();
    JsonObject paths = copy.getJsonObject("paths");
    paths.forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
      if (operation.getValue() instanceof JsonObject op && op.getValue("responses") instanceof JsonObject responses) {
        responses.forEach(response -> replaceMediaTypes((JsonObject) response.getValue()));
      }
    }));
    JsonObject components = copy.getJsonObject("components");
    if (components != null && components.getValue("responses") instanceof JsonObject responses) {
      responses.forEach(response -> replaceMediaTypes((JsonObject) response.getValue()));
    }
    return copy;
  }

  private static void replaceMediaTypes(JsonObject response) {
    if (!(response.getValue("content") instanceof JsonObject content)) {
      return;
    }
    STAND_INS.forEach((original, standIn) -> {
      Object media = content.remove(original);
      if (media != null) {
        content.put(standIn, media);
      }
    });
  }
}
