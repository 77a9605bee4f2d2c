package io.pretext.downstream;

/**
 * Weighted k-nearest-neighbour classification by cosine similarity (Wu et al. 2018) over feature
 * matrices, the test rows split in blocks over the evaluator's threads; the arithmetic is the
 * contract's {@link io.pretext.api.transfer.CosineKnn}, which the pretraining loop's online monitor
 * uses too.
 */
final class CosineKnn {
  private static final int BLOCK = 64;
  private final io.pretext.api.transfer.CosineKnn knn;

  /**
   * @param k neighbours (capped at the training set's size)
   * @param temperature T of the vote weight {@code exp(cos / T)}
   */
  CosineKnn(int k, double temperature) {
    this.knn = new io.pretext.api.transfer.CosineKnn(k, temperature);
  }

  /** The predicted class of every test row. */
  int[] predict(FeatureMatrix train, FeatureMatrix test, Parallel parallel) {
    if (train.cols() != test.cols()) {
      throw new IllegalArgumentException("train has " + train.cols() + " features, test " + test.cols());
    }
    int d = train.cols();
    float[] a = io.pretext.api.transfer.CosineKnn.unitRows(train.values(), d);
    float[] b = io.pretext.api.transfer.CosineKnn.unitRows(test.values(), d);
    int[] out = new int[test.rows()];
    int blocks = (test.rows() + BLOCK - 1) / BLOCK;
    parallel.forEach(blocks, blk -> knn.predict(a, train.labels(), train.classes(), b, d, blk * BLOCK,
        Math.min(test.rows(), (blk + 1) * BLOCK), out));
    return out;
  }
}
