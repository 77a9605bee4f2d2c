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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for the layer and encoder tests: initialise, run forward, count parameters, and free
 * unreachable native buffers between a forward and a backward pass.
 */
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

  /**
   * Collects garbage until unreachable direct buffers have been freed, then allocates small direct
   * buffers over the freed memory. Call it between forward and backward: a gradient that reads
   * memory autograd does not own then comes out wrong (see {@link ScalarOps}).
   *
   * @return the new buffers; keep them reachable until the backward pass is done
   */
  public static List<ByteBuffer> collectFreedBuffers() throws InterruptedException {
    List<ByteBuffer> reuse = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(30); // the cleaner thread frees the buffers after the collection
      for (int i = 0; i < 200; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(Float.BYTES);
        b.putFloat(0, 1e6f);
        reuse.add(b);
      }
    }
    return reuse;
  }
}
