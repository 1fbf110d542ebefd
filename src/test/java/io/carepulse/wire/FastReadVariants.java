package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Frame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** What the fast-read tests share: the ordinary path to compare with, and the ways a plain frame is altered. */
final class FastReadVariants {

  private static final FrameReader READER = FrameReader.load();

  /** Characters a fuzzed frame gains or has replaced: what changes a number, a string or the structure. */
  private static final String NOISE = "0123456789.-e,:\"{}[] x\\";

  private FastReadVariants() {
  }

  /** The ordinary path: the tree, the schema, the decoder; null when the text is not a JSON object. */
  static FrameRead throughTheTree(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
    return READER.read(json);
  }

  /**
   * What the fast read makes of the text must be what the tree makes of it; true when the fast read took it (a null
   * from the fast read leaves the text to the tree, which may then accept or refuse it).
   */
  static boolean agrees(String text, Function<String, ? extends Frame> fastRead) {
    Frame fast = fastRead.apply(text);
    if (fast == null) {
      return false;
    }
    FrameRead tree = throughTheTree(text);
    assertThat(tree).as("the tree path on %s", text).isInstanceOf(FrameRead.Accepted.class);
    assertThat(((FrameRead.Accepted) tree).frame()).as(text).isEqualTo(fast);
    return true;
  }

  /** The plain frame with {@code field} set to the raw JSON {@code value} (added at the end when absent). */
  static String with(String plain, String field, String value) {
    String key = "\"" + field + "\":";
    int start = plain.indexOf(key);
    if (start < 0) {
      return plain.substring(0, plain.length() - 1) + "," + key + value + "}";
    }
    int from = start + key.length();
    int end = from;
    if (plain.charAt(from) == '"') {
      end = plain.indexOf('"', from + 1) + 1;
    } else {
      while (end < plain.length() && ",}".indexOf(plain.charAt(end)) < 0) {
        end++;
      }
    }
    return plain.substring(0, from) + value + plain.substring(end);
  }

  /** Every field set to every value, each field renamed, and the structural edits any frame can suffer. */
  static List<String> edits(String plain, String[] fields, String[] values) {
    List<String> variants = new ArrayList<>();
    for (String field : fields) {
      for (String value : values) {
        variants.add(with(plain, field, value));
      }
      variants.add(plain.replace(",\"" + field + "\":", ",\"zz" + field + "\":"));
    }
    variants.add(plain.replace("}", ",\"seq\":8}"));
    variants.add(plain + " x");
    variants.add(plain + " ");
    variants.add(" " + plain);
    variants.add(plain.replace(",", " , "));
    variants.add(plain.substring(0, plain.length() - 1));
    variants.add(plain.replace("}", "/* c */}"));
    return variants;
  }

  /** {@code count} copies of the plain frame, each with one character deleted, inserted or replaced after its type. */
  static List<String> fuzzed(String plain, long seed, int count) {
    int typeEnd = plain.indexOf(',');
    SplittableRandom random = new SplittableRandom(seed);
    List<String> variants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder mutated = new StringBuilder(plain);
      int at = typeEnd + random.nextInt(plain.length() - typeEnd);
      switch (random.nextInt(3)) {
        case 0 -> mutated.deleteCharAt(at);
        case 1 -> mutated.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        default -> mutated.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
      }
      variants.add(mutated.toString());
    }
    return variants;
  }
}
