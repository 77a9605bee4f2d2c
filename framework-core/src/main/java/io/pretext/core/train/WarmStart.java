package io.pretext.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import io.pretext.api.transfer.PretrainedWeights;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a continued pretraining run takes its first weights from: the parameters an earlier run
 * saved, either for the whole pretext model (its newest checkpoint, when the task and head are the
 * same) or for the encoder alone ({@code encoder/encoder.params}, the rest freshly initialized).
 * The optimizer and the learning-rate schedule start afresh.
 *
 * @param parameters a file in DJL's {@link Block#saveParameters} format
 * @param wholeModel whether it holds the whole pretext model, else only the encoder
 */
public record WarmStart(Path parameters, boolean wholeModel) {

  public WarmStart {
    Objects.requireNonNull(parameters, "parameters");
  }

  /**
   * Loads the weights into the model (whole model) or its encoder, before initialization; the
   * parameters loaded are kept by the initialization that follows.
   *
   * @throws PretextUserException when the file cannot be read or does not fit the architecture
   */
  void loadInto(Block model, Block encoder, NDManager manager) {
    try {
      PretrainedWeights.read(parameters).loadInto(wholeModel ? model : encoder, manager);
    } catch (PretextUserException e) {
      throw new PretextUserException("train.init-from: " + e.getMessage()
          + (wholeModel ? " The whole pretext model is continued: keep the pretext and head sections too." : ""), e);
    }
  }

  /** For logs: what is loaded from where. */
  public String describe() {
    return (wholeModel ? "the whole pretext model" : "the encoder") + " from " + parameters;
  }
}
