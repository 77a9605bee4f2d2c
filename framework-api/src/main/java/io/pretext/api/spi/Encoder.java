package io.pretext.api.spi;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.onnx.InputSignature;

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

  /**
   * The input of the exported model for inputs of the given shape. By default a float32 image
   * tensor {@code input [batch, ...inputShape]}; an encoder of token ids returns {@link
   * InputSignature#tokenIds()}.
   */
  default InputSignature inputSignature(Shape inputShape) {
    return InputSignature.images(inputShape.getShape());
  }

  /**
   * A lower bound on the number of trained parameters, known before {@link #build} allocates any:
   * the runner refuses a run whose parameters and optimizer state cannot fit in memory before it
   * starts. 0 (the default) when the encoder cannot tell without its input shape.
   */
  default long minimumParameters() {
    return 0;
  }
}
