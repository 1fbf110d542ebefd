package io.carepulse.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A quick "certainly valid" check compiled from the same schema files as the full validator. Under load the full
 * validator was most of the service's CPU (it builds keyword locations and compiles patterns on every frame), yet almost
 * every frame is valid. So: when this check says a frame is valid, it is (it implements the draft-07 keywords our
 * schemas use, exactly, and answers "not sure" for anything else); otherwise the full validator decides and writes the
 * error message, so what clients see never changes.
 */
final class SchemaFastPath {

  /** Annotations, which never affect validity. */
  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
      "examples", "default");
  private static final Predicate<Object> NOT_SURE = value -> false;

  private final Predicate<Object> check;

  private SchemaFastPath(Predicate<Object> check) {
    this.check = check;
  }

  /** Compiles {@code schema}; {@code files} resolves {@code $ref}s of the form {@code file.json#/definitions/x}. */
  static SchemaFastPath compile(JsonObject schema, String file, Map<String, JsonObject> files) {
    Predicate<Object> compiled;
    try {
      compiled = node(schema, file, files, 0);
    } catch (Unsupported e) {
      compiled = NOT_SURE;
    }
    return new SchemaFastPath(compiled);
  }

  /** True only when the frame certainly satisfies the schema. */
  boolean certainlyValid(JsonObject frame) {
    return check.test(frame);
  }

  private static Predicate<Object> node(JsonObject schema, String file, Map<String, JsonObject> files, int depth) {
    if (depth > 16) {
      throw new Unsupported();
    }
    List<Predicate<Object>> checks = new ArrayList<>();
    for (String keyword : schema.fieldNames()) {
      Object rule = schema.getValue(keyword);
      if (ANNOTATIONS.contains(keyword)) {
        continue;
      }
      switch (keyword) {
        case "$ref" -> {
          if (schema.size() > 1 && schema.fieldNames().stream().anyMatch(k -> !k.equals("$ref") && !ANNOTATIONS.contains(k))) {
            throw new Unsupported(); // draft-07 ignores siblings of $ref; keep it simple and never guess
          }
          String ref = (String) rule;
          int hash = ref.indexOf('#');
          String target = hash == 0 ? file : ref.substring(0, hash < 0 ? ref.length() : hash);
          String pointer = hash < 0 ? "" : ref.substring(hash + 1);
          JsonObject document = files.get(target);
          if (document == null || !pointer.startsWith("/definitions/") || pointer.indexOf('/', 13) >= 0) {
            throw new Unsupported();
          }
          JsonObject definition = document.getJsonObject("definitions").getJsonObject(pointer.substring(13));
          if (definition == null) {
            throw new Unsupported();
          }
          checks.add(node(definition, target, files, depth + 1));
        }
        case "type" -> checks.add(type(rule));
        case "const" -> checks.add(constant(rule));
        case "enum" -> checks.add(oneOfStrings(rule));
        case "required" -> {
          List<String> names = strings(rule);
          checks.add(value -> {
            if (!(value instanceof JsonObject object)) {
              return true; // required only constrains objects
            }
            for (String name : names) {
              if (!object.containsKey(name)) {
                return false;
              }
            }
            return true;
          });
        }
        case "properties" -> {
          JsonObject properties = (JsonObject) rule;
          List<String> names = new ArrayList<>(properties.fieldNames());
          List<Predicate<Object>> propertyChecks = new ArrayList<>();
          for (String name : names) {
            propertyChecks.add(node(properties.getJsonObject(name), file, files, depth + 1));
          }
          checks.add(value -> {
            if (!(value instanceof JsonObject object)) {
              return true;
            }
            for (int i = 0; i < names.size(); i++) {
              if (object.containsKey(names.get(i)) && !propertyChecks.get(i).test(object.getValue(names.get(i)))) {
                return false;
              }
            }
            return true;
          });
        }
        case "additionalProperties" -> {
          if (!Boolean.TRUE.equals(rule)) {
            throw new Unsupported();
          }
        }
        case "items" -> {
          if (!(rule instanceof JsonObject itemSchema)) {
            throw new Unsupported();
          }
          Predicate<Object> item = node(itemSchema, file, files, depth + 1);
          checks.add(value -> {
            if (!(value instanceof JsonArray array)) {
              return true;
            }
            for (int i = 0; i < array.size(); i++) {
              if (!item.test(array.getValue(i))) {
                return false;
              }
            }
            return true;
          });
        }
        case "minimum" -> {
          double min = number(rule);
          checks.add(value -> !(value instanceof Number) || exact(value) && ((Number) value).doubleValue() >= min);
        }
        case "maximum" -> {
          double max = number(rule);
          checks.add(value -> !(value instanceof Number) || exact(value) && ((Number) value).doubleValue() <= max);
        }
        case "minLength" -> {
          int min = (int) number(rule);
          checks.add(value -> !(value instanceof String s) || s.codePointCount(0, s.length()) >= min);
        }
        case "maxLength" -> {
          int max = (int) number(rule);
          checks.add(value -> !(value instanceof String s) || s.length() <= max || s.codePointCount(0, s.length()) <= max);
        }
        case "maxItems" -> {
          int max = (int) number(rule);
          checks.add(value -> !(value instanceof JsonArray a) || a.size() <= max);
        }
        case "maxProperties" -> {
          int max = (int) number(rule);
          checks.add(value -> !(value instanceof JsonObject o) || o.size() <= max);
        }
        case "pattern" -> {
          Pattern pattern = Pattern.compile((String) rule);
          // Java's $ also matches before a final line break, ECMA 262's does not: strings with line breaks go to the
          // full validator.
          checks.add(value -> !(value instanceof String s) || !hasLineBreak(s) && pattern.matcher(s).find());
        }
        default -> throw new Unsupported(keyword);
      }
    }
    return value -> {
      for (Predicate<Object> c : checks) {
        if (!c.test(value)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<Object> type(Object rule) {
    if (!(rule instanceof String name)) {
      throw new Unsupported();
    }
    return switch (name) {
      case "object" -> value -> value instanceof JsonObject;
      case "array" -> value -> value instanceof JsonArray;
      case "string" -> value -> value instanceof String;
      case "boolean" -> value -> value instanceof Boolean;
      // Whole numbers parsed as integers only; 1.0 (an integer in draft-07) goes to the full validator.
      case "integer" -> value -> value instanceof Integer || value instanceof Long;
      case "number" -> value -> exact(value);
      default -> throw new Unsupported();
    };
  }

  /** Numbers whose double value is the number itself, so comparisons with the bounds are exact. */
  private static boolean exact(Object value) {
    if (value instanceof Integer) {
      return true;
    }
    if (value instanceof Long l) {
      // Beyond 2^53 a double may round; such values are outside every bound we use anyway, so let the validator say.
      return Math.abs(l) <= (1L << 53);
    }
    return value instanceof Double d && !d.isNaN() && !d.isInfinite();
  }

  private static Predicate<Object> constant(Object rule) {
    if (rule instanceof String text) {
      return text::equals;
    }
    if (rule instanceof Integer || rule instanceof Long) {
      long expected = ((Number) rule).longValue();
      return value -> (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == expected;
    }
    throw new Unsupported();
  }

  private static Predicate<Object> oneOfStrings(Object rule) {
    List<String> allowed = strings(rule);
    Set<String> set = Set.copyOf(allowed);
    return value -> value instanceof String s && set.contains(s);
  }

  private static List<String> strings(Object rule) {
    if (!(rule instanceof JsonArray array)) {
      throw new Unsupported();
    }
    List<String> list = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s)) {
        throw new Unsupported();
      }
      list.add(s);
    }
    return list;
  }

  private static double number(Object rule) {
    if (rule instanceof Integer || rule instanceof Long || rule instanceof BigInteger) {
      return ((Number) rule).doubleValue();
    }
    throw new Unsupported();
  }

  private static boolean hasLineBreak(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /** A keyword or form this check does not implement: the whole schema then always goes to the full validator. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      this("a form of a keyword");
    }

    Unsupported(String what) {
      super(what, null, false, false);
    }
  }
}
