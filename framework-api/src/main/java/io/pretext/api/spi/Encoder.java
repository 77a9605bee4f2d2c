package io.pretext.api.spi;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A plugin that builds the network being pretrained: it maps one input (an image, a token
 * sequence) to a feature vector. The pretext task wraps it with its head; downstream evaluators
 * reuse it; export writes it to ONNX.
 */
public interface Encoder {

  /**
   * Builds a fresh, uninitialized encoder block.
   *
   * @param inputShape the shape of one input without the batch axis, e.g. (1, 28, 28)
   */
  Block build(Shape inputShape);

  /** The length of the feature vector produced for inputs of the given shape. */
  long featureSize(Shape inputShape);
}
