package io.pretext.api.spi;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * The encoder input of the transfer step when a task defines it (text): the input shape the
 * encoder is built for, without the batch axis, and how samples become one batch.
 *
 * @param inputShape e.g. (48,) for sequences of at most 48 token ids
 * @param batcher turns (preprocessed) samples into one encoder input tensor
 */
public record TransferInput(Shape inputShape, InputBatcher batcher) {
  public TransferInput {
    Objects.requireNonNull(inputShape, "inputShape");
    Objects.requireNonNull(batcher, "batcher");
  }
}
