package io.carepulse.acts;

import io.carepulse.protocol.Speaker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The text format of an act model (UTF-8, one record a line, {@code #} starts a comment):
 *
 * <pre>
 * carepulse-acts 1                              format name and version: always the first line
 * id acts-1                                     model identifier
 * features words=2 chars=0 length=true          the {@link FeatureSet}
 * scale 0.001                                   weights and biases are integers times this (fixed in version 1)
 * speaker agent 13 24150                        a speaker, its number of acts and of feature rows
 * acts empathy apology …                        the acts, in the column order of what follows
 * bias -3120 -4410 …                            per act, × scale
 * threshold 0.420 0.385 …                       per act, the probability at which it is found
 * 0a1b2c3d 12 0 -3 …                            a feature hash (8 hex digits) and its weight per act
 * …                                             rows in ascending unsigned hash order
 * speaker customer 12 20342
 * …
 * end
 * </pre>
 *
 * Reading checks the version, the counts and the order, so a truncated or hand-edited file fails at start-up.
 */
public final class ActModelFile {

  public static final String FORMAT = "carepulse-acts";
  public static final int VERSION = 1;
  /** Weights are stored to this step: a utterance's logit moves by at most features × step / 2 (≈ 0.03). */
  public static final double SCALE = 0.001;

  private ActModelFile() {
  }

  public static ActModel read(InputStream in) throws IOException {
    Lines lines = new Lines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    String[] head = lines.next();
    if (head.length != 2 || !head[0].equals(FORMAT)) {
      throw lines.error("not a CarePulse act model (first line must be '" + FORMAT + " " + VERSION + "')");
    }
    if (!head[1].equals(String.valueOf(VERSION))) {
      throw lines.error("act model format version " + head[1] + " is not supported (this build reads " + VERSION
          + ")");
    }
    String id = lines.value("id");
    FeatureSet features;
    try {
      features = FeatureSet.parse(lines.value("features"));
    } catch (IllegalArgumentException e) {
      throw lines.error(e.getMessage());
    }
    double scale = Double.parseDouble(lines.value("scale"));
    if (scale != SCALE) {
      throw lines.error("weight scale must be " + SCALE + " in format version " + VERSION + ": " + scale);
    }
    ActWeights agent = speaker(lines, Speaker.AGENT, scale);
    ActWeights customer = speaker(lines, Speaker.CUSTOMER, scale);
    String[] end = lines.next();
    if (end.length != 1 || !end[0].equals("end")) {
      throw lines.error("expected 'end'");
    }
    try {
      return ActModel.of(id, features, agent, customer);
    } catch (IllegalArgumentException e) {
      throw lines.error(e.getMessage());
    }
  }

  private static ActWeights speaker(Lines lines, Speaker speaker, double scale) throws IOException {
    String[] head = lines.next();
    if (head.length != 4 || !head[0].equals("speaker") || !head[1].equals(speaker.wire())) {
      throw lines.error("expected 'speaker " + speaker.wire() + " ACTS ROWS'");
    }
    int k = Integer.parseInt(head[2]);
    int rows = Integer.parseInt(head[3]);
    String[] names = lines.fields("acts", k);
    Act[] acts = new Act[k];
    for (int i = 0; i < k; i++) {
      try {
        acts[i] = Act.fromWire(names[i + 1]);
      } catch (IllegalArgumentException e) {
        throw lines.error(e.getMessage());
      }
    }
    String[] biasFields = lines.fields("bias", k);
    String[] thresholdFields = lines.fields("threshold", k);
    float[] bias = new float[k];
    float[] threshold = new float[k];
    for (int i = 0; i < k; i++) {
      bias[i] = (float) (Long.parseLong(biasFields[i + 1]) * scale);
      threshold[i] = Float.parseFloat(thresholdFields[i + 1]);
    }
    int[] keys = new int[rows];
    float[][] weights = new float[rows][];
    for (int r = 0; r < rows; r++) {
      String[] row = lines.next();
      if (row.length != k + 1) {
        throw lines.error("feature row needs a hash and " + k + " weights");
      }
      keys[r] = Integer.parseUnsignedInt(row[0], 16);
      float[] w = new float[k];
      for (int i = 0; i < k; i++) {
        w[i] = (float) (Integer.parseInt(row[i + 1]) * scale);
      }
      weights[r] = w;
    }
    try {
      return new ActWeights(speaker, acts, bias, threshold, keys, weights);
    } catch (IllegalArgumentException e) {
      throw lines.error(e.getMessage());
    }
  }

  /**
   * Writes {@code model} with {@code comments} (provenance: data, settings, figures) after the version line.
   * Weights are rounded to {@link #SCALE}: read the file back to get the model that ships.
   */
  public static void write(ActModel model, List<String> comments, Writer out) throws IOException {
    out.write(FORMAT + " " + VERSION + "\n");
    out.write("# CarePulse dialogue-act model: format and method in docs/dialogue-acts.md.\n");
    for (String comment : comments) {
      out.write("# " + comment.replace('\n', ' ') + "\n");
    }
    out.write("id " + model.id() + "\n");
    out.write("features " + model.features().describe() + "\n");
    out.write("scale " + SCALE + "\n");
    for (Speaker speaker : Speaker.values()) {
      ActWeights w = model.weights(speaker);
      int k = w.acts().length;
      out.write("speaker " + speaker.wire() + " " + k + " " + w.keys().length + "\n");
      StringBuilder line = new StringBuilder("acts");
      for (Act act : w.acts()) {
        line.append(' ').append(act.wire());
      }
      out.write(line.append('\n').toString());
      line.setLength(0);
      line.append("bias");
      for (float b : w.bias()) {
        line.append(' ').append(quantise(b));
      }
      out.write(line.append('\n').toString());
      line.setLength(0);
      line.append("threshold");
      for (float t : w.threshold()) {
        line.append(' ').append(String.format(Locale.ROOT, "%.4f", t));
      }
      out.write(line.append('\n').toString());
      for (int r = 0; r < w.keys().length; r++) {
        line.setLength(0);
        line.append(String.format(Locale.ROOT, "%08x", w.keys()[r]));
        for (float v : w.weights()[r]) {
          line.append(' ').append(quantise(v));
        }
        out.write(line.append('\n').toString());
      }
    }
    out.write("end\n");
  }

  public static long quantise(double value) {
    return Math.round(value / SCALE);
  }

  private static final class Lines {
    private final BufferedReader reader;
    private int number;

    Lines(BufferedReader reader) {
      this.reader = reader;
    }

    String[] next() throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          return trimmed.split(" +");
        }
      }
      throw error("unexpected end of file");
    }

    String value(String key) throws IOException {
      String[] f = next();
      if (f.length < 2 || !f[0].equals(key)) {
        throw error("expected '" + key + " …'");
      }
      return String.join(" ", java.util.Arrays.copyOfRange(f, 1, f.length));
    }

    String[] fields(String key, int count) throws IOException {
      String[] f = next();
      if (f.length != count + 1 || !f[0].equals(key)) {
        throw error("expected '" + key + "' and " + count + " values");
      }
      return f;
    }

    IOException error(String message) {
      return new IOException("act model line " + number + ": " + message);
    }
  }
}
