package io.pretext.masking;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.data.Dataset;
import io.pretext.api.spi.MaskedTokenPredictor;
import io.pretext.api.text.Tokenizer;
import java.util.List;

/**
 * The mlm task's {@link MaskedTokenPredictor}: {@link FillMask} and {@link MaskedTokenEvaluation}
 * with the run's tokenizer, on the run's {@link MaskedLanguageModel}.
 */
final class MaskedTokenPredictions implements MaskedTokenPredictor {
  /** Held-out texts per forward pass of the evaluation. */
  private static final int EVALUATION_BATCH = 128;
  private final Tokenizer tokenizer;

  /** @param tokenizer the run's tokenizer */
  MaskedTokenPredictions(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  @Override
  public List<MaskFill> fill(Block model, List<String> sentences, int k, NDManager manager) {
    return new FillMask(model, tokenizer).fill(sentences, k, manager);
  }

  @Override
  public MaskedTokenScores evaluate(Block model, Dataset<?> training, Dataset<?> heldOut, double maskProbability,
      long seed, NDManager manager) {
    return new MaskedTokenEvaluation(tokenizer, maskProbability, seed).run(model, MaskedLanguageModelTask.texts(training),
        MaskedLanguageModelTask.texts(heldOut), EVALUATION_BATCH, manager);
  }
}
