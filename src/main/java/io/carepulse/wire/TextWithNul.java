package io.carepulse.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Finds U+0000 anywhere in a frame: in any string value or object key, however deep. JSON allows it, but PostgreSQL
 * refuses it in both {@code text} (22021) and {@code jsonb} (22P05), so a frame carrying one would be applied live and
 * then never stored (docs/stack-notes.md P9). Refusing it at the door keeps history and live view the same.
 */
public final class TextWithNul {

  private TextWithNul() {
  }

  /** The path of the first field holding U+0000 ({@code customer.name}, {@code metadata.note[2]}), or null. */
  public static String find(JsonObject json) {
    for (Map.Entry<String, Object> entry : json) {
      String key = entry.getKey();
      if (key.indexOf('\0') >= 0) {
        return "(a key)";
      }
      String inside = inValue(entry.getValue());
      if (inside != null) {
        return inside.isEmpty() ? key : inside.startsWith("[") ? key + inside : key + "." + inside;
      }
    }
    return null;
  }

  /** "" when the value itself is a string with U+0000, a relative path when something inside it is, else null. */
  private static String inValue(Object value) {
    if (value instanceof String text) {
      return text.indexOf('\0') >= 0 ? "" : null;
    }
    if (value instanceof JsonObject object) {
      return find(object);
    }
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String inside = inValue(array.getValue(i));
        if (inside != null) {
          return "[" + i + "]" + (inside.isEmpty() || inside.startsWith("[") ? inside : "." + inside);
        }
      }
    }
    return null;
  }
}
