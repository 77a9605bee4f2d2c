package io.pretext.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.nn.layers.TokenEmbedding;
import java.util.Arrays;

/**
 * The token-prediction head: states (M, D) to logits (M, V). Tied ({@link #tied}): {@code logits =
 * h E^T + b} with E the encoder's token table (Press and Wolf 2017; as BERT) and its own bias b
 * (initialised to 0); untied ({@link #untied}): a linear map of V units with PyTorch's default
 * initialisation. No hidden transform, as the benchmark's PyTorch peer.
 */
public final class TokenHead extends AbstractBlock {
  private final TokenEmbedding tied;
  private final int vocabularySize;
  private final Parameter bias;
  private final ai.djl.nn.core.Linear linear;

  private TokenHead(TokenEmbedding tied, int vocabularySize) {
    this.tied = tied;
    this.vocabularySize = vocabularySize;
    if (tied != null) {
      bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
          .optInitializer(Initializer.ZEROS).build());
      linear = null;
    } else {
      bias = null;
      linear = addChildBlock("linear", Layers.linear(vocabularySize, true));
    }
  }

  /** A head that shares the weights of the encoder's token table. */
  public static TokenHead tied(TokenEmbedding embedding) {
    return new TokenHead(embedding, embedding.getVocabularySize());
  }

  /** A head with its own weights. */
  public static TokenHead untied(int vocabularySize) {
    return new TokenHead(null, vocabularySize);
  }

  public boolean isTied() {
    return tied != null;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = inputs.singletonOrThrow();
    if (linear != null) {
      return linear.forward(ps, inputs, training, params);
    }
    NDArray table = ps.getValue(tied.getWeight(), h.getDevice(), training);
    return new NDList(h.matMul(table.transpose()).add(ps.getValue(bias, h.getDevice(), training)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    if (inputShapes.length != 1 || inputShapes[0].dimension() != 2) {
      throw new IllegalArgumentException("TokenHead expects one (M, D) input, got " + Arrays.toString(inputShapes));
    }
    return new Shape[] {new Shape(inputShapes[0].get(0), vocabularySize)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    if (linear != null) {
      linear.initialize(manager, dataType, inputShapes);
    }
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    if (bias != null) {
      bias.setShape(new Shape(vocabularySize));
    }
  }
}
