package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.core.data.fetch.Sha256;
import io.pretext.core.inference.ModelMetadata;
import io.pretext.masking.Tokenizer;
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
    String actual = fingerprint(dir);
    if (!recorded.equals(actual)) {
      throw new PretextUserException("The vocabulary beside " + model + " (" + actual + ") is not the one the model was"
          + " exported with (" + (recorded.isEmpty() ? "none recorded" : recorded) + "). Keep the files 'pretext export'"
          + " wrote together.");
    }
    return tokenizer::encode;
  }

  /** What the metadata records of the vocabulary in {@code dir}: its file name and sha256. */
  static String fingerprint(Path dir) {
    return Tokenizer.VOCABULARY_FILE + " sha256:" + Sha256.of(dir.resolve(Tokenizer.VOCABULARY_FILE));
  }
}
