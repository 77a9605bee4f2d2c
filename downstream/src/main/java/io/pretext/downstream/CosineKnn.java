package io.pretext.downstream;

/**
 * Weighted k-nearest-neighbour classification by cosine similarity, the kNN monitor of Wu et al.
 * 2018 ("Unsupervised Feature Learning via Non-Parametric Instance Discrimination"), as in the
 * reference: the k most similar training rows vote for their class with weight {@code exp(cos /
 * T)}; the class with the largest summed weight wins (ties: the lower class index). Among equally
 * similar neighbours the lower training index comes first.
 */
final class CosineKnn {
  private final int k;
  private final double temperature;

  /**
   * @param k neighbours (capped at the training set's size)
   * @param temperature T of the vote weight {@code exp(cos / T)}
   */
  CosineKnn(int k, double temperature) {
    if (k < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("k must be >= 1 and temperature > 0, got " + k + ", " + temperature);
    }
    this.k = k;
    this.temperature = temperature;
  }

  /** The predicted class of every test row. */
  int[] predict(FeatureMatrix train, FeatureMatrix test, Parallel parallel) {
    if (train.cols() != test.cols()) {
      throw new IllegalArgumentException("train has " + train.cols() + " features, test " + test.cols());
    }
    float[] a = unitRows(train);
    float[] b = unitRows(test);
    int d = train.cols();
    int kk = Math.min(k, train.rows());
    int[] out = new int[test.rows()];
    int block = 64;
    int blocks = (test.rows() + block - 1) / block;
    parallel.forEach(blocks, blk -> {
      int[] idx = new int[kk];
      float[] sim = new float[kk];
      double[] votes = new double[train.classes()];
      for (int t = blk * block, end = Math.min(test.rows(), (blk + 1) * block); t < end; t++) {
        int found = 0;
        for (int i = 0; i < train.rows(); i++) {
          float s = Dot.dot(b, t * d, a, i * d, d);
          if (found < kk) {
            insert(idx, sim, found++, i, s);
          } else if (s > sim[kk - 1]) {
            insert(idx, sim, kk - 1, i, s);
          }
        }
        java.util.Arrays.fill(votes, 0);
        for (int j = 0; j < found; j++) {
          votes[train.labels()[idx[j]]] += Math.exp(sim[j] / temperature);
        }
        int best = 0;
        for (int c = 1; c < votes.length; c++) {
          if (votes[c] > votes[best]) {
            best = c;
          }
        }
        out[t] = best;
      }
    });
    return out;
  }

  /** Puts (i, s) into the sorted top list at or before position {@code last}, shifting lower ones down. */
  private static void insert(int[] idx, float[] sim, int last, int i, float s) {
    int p = last;
    while (p > 0 && sim[p - 1] < s) {
      idx[p] = idx[p - 1];
      sim[p] = sim[p - 1];
      p--;
    }
    idx[p] = i;
    sim[p] = s;
  }

  /** Rows scaled to unit length (zero rows stay zero). */
  static float[] unitRows(FeatureMatrix m) {
    int d = m.cols();
    float[] out = m.values().clone();
    for (int r = 0; r < m.rows(); r++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += (double) out[r * d + j] * out[r * d + j];
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
      for (int j = 0; j < d; j++) {
        out[r * d + j] *= inv;
      }
    }
    return out;
  }
}
