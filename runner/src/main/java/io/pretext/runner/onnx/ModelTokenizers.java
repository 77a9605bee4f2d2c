package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.api.inference.ModelMetadata;
import java.nio.file.Path;
import java.util.function.Function;

/** Finds the tokenizer of an exported text model: the files {@code pretext export} wrote beside it. */
public final class ModelTokenizers {
  private ModelTokenizers() {}

  /**
   * The tokenizer beside the model.
   *
   * @throws PretextUserException when there is none
   */
  public static Function<String, int[]> near(Path model, ModelMetadata metadata) {
    throw new PretextUserException("The model " + model + " is a text model (" + metadata.input()
        + "); embedding text files is not supported by this build yet.");
  }
}
