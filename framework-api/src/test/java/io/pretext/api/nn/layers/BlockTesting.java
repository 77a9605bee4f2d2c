package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/** Helpers for the layer and encoder tests: initialise, run forward, count parameters. */
public final class BlockTesting {
  private BlockTesting() {}

  /** Initialises the block for inputs of the given shape (batch axis included). */
  public static <B extends Block> B init(B block, NDManager manager, Shape inputShape) {
    block.initialize(manager, DataType.FLOAT32, inputShape);
    return block;
  }

  /** One forward pass of a single input. */
  public static NDArray forward(Block block, NDManager manager, NDArray input, boolean training) {
    ParameterStore store = new ParameterStore(manager, false);
    return block.forward(store, new NDList(input), training).singletonOrThrow();
  }

  /** Trainable parameters (running statistics excluded), as PyTorch's {@code parameters()} counts them. */
  public static long trainableParameters(Block block) {
    long n = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter.Type type = p.getValue().getType();
      if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
        n += p.getValue().getShape().size();
      }
    }
    return n;
  }
}
