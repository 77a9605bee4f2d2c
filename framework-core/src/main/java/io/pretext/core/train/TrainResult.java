package io.pretext.core.train;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;

/**
 * What a pretraining run produced. Holds the trained model open: the encoder block's parameters
 * live in it until {@link #close()}.
 *
 * @param steps optimizer steps taken
 * @param epochs epochs started
 * @param finalLoss the last step's loss
 * @param meanStepMillis mean time of one step on the training thread (without waiting for data)
 * @param medianStepMillis median of the same
 * @param dataWaitFraction the share of the loop's wall time spent waiting for batches
 * @param skippedImages images the data set skipped because they did not decode (0 when it never skips)
 * @param encoder the trained encoder block (shared with the task's model)
 * @param inputShape the encoder's input shape without the batch axis
 * @param featureSize the encoder's feature size
 * @param encoderParameters where the encoder's parameters were saved
 * @param lastCheckpoint the final checkpoint's parameter file
 * @param model the task's model, closed by {@link #close()}
 */
public record TrainResult(
    long steps,
    int epochs,
    double finalLoss,
    double meanStepMillis,
    double medianStepMillis,
    double dataWaitFraction,
    long skippedImages,
    Block encoder,
    Shape inputShape,
    long featureSize,
    Path encoderParameters,
    Path lastCheckpoint,
    Model model) implements AutoCloseable {

  /** Frees the model's native memory; the encoder block is unusable afterwards. */
  @Override
  public void close() {
    model.close();
  }
}
