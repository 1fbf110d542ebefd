package io.carepulse.calibrate;

import io.carepulse.engine.CoreConfig;
import io.carepulse.score.ScoringModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code serve --model}, {@code replay --model} and {@code calibrate --base} accept: a shipped model id, or the
 * path of a model file written by {@code calibrate}. The file is read here, in the shell, so the core stays free of
 * I/O; it is validated at once, so a bad file stops the service at start rather than on the first call.
 */
public final class ModelFiles {
  private ModelFiles() {
  }

  public static ScoringModel named(String idOrFile) {
    if (idOrFile == null || idOrFile.isBlank() || idOrFile.equals(ScoringModel.CARE_1)
        || idOrFile.equals(ScoringModel.CARE_2)) {
      return ScoringModel.named(idOrFile);
    }
    Path file = Path.of(idOrFile);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no model " + idOrFile + ": neither a shipped model id ("
          + ScoringModel.CARE_1 + ", " + ScoringModel.CARE_2 + ") nor a model file");
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    }
    return ScoringModel.fitted(properties);
  }

  /** The core's defaults with that model. */
  public static CoreConfig config(String idOrFile) {
    return CoreConfig.forModel(named(idOrFile));
  }
}
