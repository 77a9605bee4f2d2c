package io.pretext.runner;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigException;
import io.pretext.api.data.Dataset;
import io.pretext.api.run.RunPlugins;
import io.pretext.api.train.RunDirectory;
import io.pretext.api.train.SampleShapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The input shape an earlier run's encoder was trained on, and the check that new data fits it. */
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

  /** Fails when the data, after the run's preprocessing, does not have the shape the encoder was trained on. */
  static void requireSameInput(RunDirectory run, Dataset<?> data, RunPlugins plugins) {
    Shape saved = savedInputShape(run);
    Shape given = SampleShapes.of(plugins.preprocess().apply(data.get(0), new SplittableRandom(0)));
    if (given.dimension() > 0 && !given.equals(saved)) {
      throw ConfigException.at("data", "the encoder in " + run.root() + " was trained on inputs of shape " + saved
          + " (channels, height, width) but the data gives " + given
          + "; use data of that size and channel count, or add a resize to downstream.preprocess");
    }
  }
}
