package io.pretext.core.nn.encoders;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.onnx.InputSignature;
import io.pretext.api.spi.Encoder;

/**
 * The {@code transformer} text encoder: a {@link TransformerEncoder} over sequences of token ids.
 * The input shape is (T,) with T <= max length; outputs are the pooled features (N, D) and the
 * token states (N, T, D). With the benchmark's sizes (V 8005, L 48, D 128, 2 layers, 4 heads,
 * F 512) it has 1,427,584 trainable parameters.
 *
 * @param vocabularySize rows of the token table; the tokenizer's vocabulary must fit
 * @param maxLength the longest sequence (positions learned)
 * @param dimension D
 * @param layers the number of Transformer layers
 * @param heads attention heads per layer, dividing D
 * @param feedForward the feed-forward hidden width
 * @param dropout the dropout rate in training
 */
public record TextTransformer(int vocabularySize, int maxLength, int dimension, int layers, int heads,
    int feedForward, float dropout) implements Encoder {

  public TextTransformer {
    if (heads < 1 || dimension % heads != 0) {
      throw new IllegalArgumentException("transformer: dimension " + dimension
          + " must be a multiple of heads " + heads);
    }
  }

  @Override
  public TransformerEncoder build(Shape inputShape) {
    requireSequence(inputShape);
    return new TransformerEncoder(vocabularySize, maxLength, dimension, layers, heads, feedForward, dropout);
  }

  @Override
  public long featureSize(Shape inputShape) {
    requireSequence(inputShape);
    return dimension;
  }

  /** Token ids {@code input_ids: int64[batch, sequence]}, any length up to max length; id 0 is padding. */
  @Override
  public InputSignature inputSignature(Shape inputShape) {
    requireSequence(inputShape);
    return InputSignature.tokenIds();
  }

  private void requireSequence(Shape inputShape) {
    if (inputShape.dimension() != 1) {
      throw new IllegalArgumentException("transformer: expects token sequences of shape (T,), got " + inputShape
          + "; use it with text data and a text task such as mlm");
    }
    if (inputShape.get(0) > maxLength) {
      throw new IllegalArgumentException("transformer: sequences of " + inputShape.get(0)
          + " tokens exceed max-length " + maxLength + "; raise encoder.max-length or shorten the sequences");
    }
  }
}
