package io.pretext.runner;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pretext.api.PretextUserException;
import io.pretext.core.train.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The input shape an earlier run's encoder was trained on. */
final class EncoderShapes {
  private EncoderShapes() {}

  /** Reads {@code encoder/encoder.json} of a run. */
  static Shape savedInputShape(RunDirectory run) {
    Path meta = run.encoder().resolve("encoder.json");
    try {
      JsonObject json = JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8)).getAsJsonObject();
      JsonArray dims = json.getAsJsonArray("input_shape");
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).getAsLong();
      }
      return new Shape(shape);
    } catch (IOException | RuntimeException e) {
      throw new PretextUserException("Cannot read the encoder description " + meta + ": " + e.getMessage()
          + ". Give the directory of a finished run (it holds encoder/encoder.params and encoder/encoder.json).", e);
    }
  }
}
