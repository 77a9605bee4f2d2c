package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.api.text.Tokenizer;
import io.pretext.core.inference.ModelMetadata;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Finds the tokenizer of an exported text model: {@code vocab.txt} and {@code tokenizer.json},
 * which {@code pretext export} copies beside the {@code .onnx} file. The vocabulary's sha256 must
 * match the one recorded in the model's {@code pretext.vocabulary}.
 */
public final class ModelTokenizers {
  private ModelTokenizers() {}

  /**
   * The tokenizer beside the model, as a sentence-to-ids function ({@code [CLS] ... [SEP]}, truncated).
   *
   * @throws PretextUserException when it is missing or is not the one the model was exported with
   */
  public static Function<String, int[]> near(Path model, ModelMetadata metadata) {
    Path dir = model.toAbsolutePath().getParent();
    Tokenizer tokenizer = Tokenizer.load(dir);
    String recorded = metadata.get(ModelMetadata.VOCABULARY).orElse("");
    String actual = Tokenizer.fingerprint(dir);
    if (!recorded.equals(actual)) {
      throw new PretextUserException("The vocabulary beside " + model + " (" + actual + ") is not the one the model was"
          + " exported with (" + (recorded.isEmpty() ? "none recorded" : recorded) + "). Keep the files 'pretext export'"
          + " wrote together.");
    }
    return tokenizer::encode;
  }
}
