package io.carepulse.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.carepulse.protocol.Speaker;
import java.io.IOException;

/**
 * The fields every call frame shares, as the streaming fast reads take them: each answers null (or a sentinel) when
 * it is not sure the schema accepts the value, so the ordinary path decides and words the refusal.
 */
final class FastReadFields {

  /** Plain JSON: no comments, no single quotes; a frame using such leniencies goes the ordinary way. */
  static final JsonFactory JSON = new JsonFactory();

  static final long MAX_SAFE = 9_007_199_254_740_991L;

  /** What {@link #integer} answers for a value it does not take (no field's bounds include it). */
  static final long NOT_TAKEN = Long.MIN_VALUE;

  private FastReadFields() {
  }

  /** True when the frame opens with {@code "type"} as its first field and the given type as its value. */
  static boolean opensAs(JsonParser parser, String type) throws IOException {
    return parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME
        && "type".equals(parser.currentName()) && parser.nextToken() == JsonToken.VALUE_STRING
        && type.equals(parser.getText());
  }

  /**
   * True when the field loop stopped at the object's end ({@code last} is the token it stopped at), every required
   * field was seen and nothing follows the object.
   */
  static boolean closed(JsonParser parser, JsonToken last, int seen, int required) throws IOException {
    return last == JsonToken.END_OBJECT && (seen & required) == required && parser.nextToken() == null;
  }

  /** The schema's callId (1 to 128 characters of [A-Za-z0-9._:-]), or null. */
  static String callId(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return null;
    }
    String id = parser.getText();
    if (id.isEmpty() || id.length() > 128) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':'
          || c == '-')) {
        return null;
      }
    }
    return id;
  }

  /** "agent" or "customer", or null. */
  static Speaker speaker(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return null;
    }
    String wire = parser.getText();
    return wire.equals("agent") ? Speaker.AGENT : wire.equals("customer") ? Speaker.CUSTOMER : null;
  }

  /**
   * An integer written as one (1.0, which the schema also calls an integer, is left to it) within [min, max], or
   * {@link #NOT_TAKEN}.
   */
  static long integer(JsonParser parser, JsonToken value, long min, long max) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return NOT_TAKEN;
    }
    long n = parser.getLongValue();
    return n < min || n > max ? NOT_TAKEN : n;
  }

  /**
   * A string of at most {@code maxChars} UTF-16 units and without U+0000, or null. The schema counts code points,
   * never more than UTF-16 units, so a string this short is certainly within its maxLength.
   */
  static String text(JsonParser parser, JsonToken value, int minChars, int maxChars) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return null;
    }
    String text = parser.getText();
    return text.length() < minChars || text.length() > maxChars || text.indexOf('\0') >= 0 ? null : text;
  }
}
