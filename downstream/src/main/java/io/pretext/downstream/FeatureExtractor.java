package io.pretext.downstream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.data.Dataset;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.transfer.TransferContext;

/**
 * Frozen features: runs an encoder in inference mode ({@code training = false}, so BatchNorm uses its
 * running statistics and nothing is updated) over a dataset in batches, each batch in its own
 * NDManager scope so memory stays flat.
 */
final class FeatureExtractor {
  private final TransferContext context;
  private final int batchSize;

  FeatureExtractor(TransferContext context, int batchSize) {
    this.context = context;
    this.batchSize = batchSize;
  }

  /** The encoder's features of every sample, with the dataset's labels. */
  FeatureMatrix extract(Block encoder, NDManager manager, Dataset<?> data) {
    int n = data.size();
    int cols = Math.toIntExact(context.featureSize());
    float[] values = new float[Math.multiplyExact(n, cols)];
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      HostTensor input = Preprocessed.batch(context, data, from, to);
      try (NDManager scope = manager.newSubManager()) {
        NDList out = encoder.forward(new ParameterStore(scope, false), new NDList(input.toNDArray(scope)), false);
        NDArray features = out.head(); // output 0: the (pooled) features
        float[] f = features.toFloatArray();
        if (f.length != (to - from) * cols) {
          throw new IllegalStateException("the encoder gave " + features.getShape() + " for " + (to - from)
              + " samples; expected " + cols + " features each");
        }
        System.arraycopy(f, 0, values, from * cols, f.length);
      }
    }
    return new FeatureMatrix(values, n, cols, Preprocessed.labels(data), data.classNames().size());
  }
}
