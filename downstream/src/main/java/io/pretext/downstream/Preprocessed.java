package io.pretext.downstream;

import io.pretext.api.data.Dataset;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.transfer.TransferContext;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Samples of a dataset after the context's deterministic preprocessing, batched for the encoder. */
final class Preprocessed {
  private Preprocessed() {}

  /** Rows [from, to) preprocessed and batched. */
  static HostTensor batch(TransferContext context, Dataset<?> data, int from, int to) {
    List<Object> samples = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      samples.add(preprocess(context, data.get(i), i));
    }
    return context.batcher().batch(samples);
  }

  /** One sample through {@code downstream.preprocess}; its generator depends on the index only. */
  static Object preprocess(TransferContext context, Object sample, int index) {
    RandomGenerator random = context.seeds().generator("downstream-preprocess", index);
    return context.preprocess().apply(sample, random);
  }

  /** The labels of a dataset. */
  static int[] labels(Dataset<?> data) {
    int[] y = new int[data.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = data.label(i);
    }
    return y;
  }

  /**
   * The preprocessed encoder inputs, flattened to one row per sample: the raw-pixel baselines.
   *
   * @throws IllegalArgumentException when the batcher makes integer tensors (e.g. token ids)
   */
  static FeatureMatrix rawRows(TransferContext context, Dataset<?> data, int batchSize) {
    int n = data.size();
    float[] values = null;
    int cols = 0;
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      HostTensor t = batch(context, data, from, to);
      if (!t.isFloat()) {
        throw new IllegalArgumentException("raw-input baselines need float inputs, but the batcher gives integers");
      }
      float[] f = t.floats();
      if (values == null) {
        cols = f.length / (to - from);
        values = new float[Math.multiplyExact(n, cols)];
      }
      System.arraycopy(f, 0, values, from * cols, f.length);
    }
    return new FeatureMatrix(values == null ? new float[0] : values, n, cols, labels(data), data.classNames().size());
  }
}
