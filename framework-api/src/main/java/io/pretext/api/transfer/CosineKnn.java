package io.pretext.api.transfer;

import java.util.Arrays;

/**
 * Weighted k-nearest-neighbour classification by cosine similarity, the kNN monitor of Wu et al.
 * 2018 ("Unsupervised Feature Learning via Non-Parametric Instance Discrimination"): the k most
 * similar rows of a labeled bank vote for their class with weight {@code exp(cos / T)}; the class
 * with the largest summed weight wins (ties: the lower class index). Among equally similar
 * neighbours the lower bank index comes first.
 *
 * <p>The arithmetic shared by the {@code knn} evaluator (downstream) and the online monitor of the
 * pretraining loop. Rows are flat {@code float[]} arrays of {@code d} values each; both sides are
 * first scaled to unit length with {@link #unitRows}.
 *
 * <pre>{@code
 * CosineKnn knn = new CosineKnn(20, 0.07);
 * int[] predicted = knn.predict(CosineKnn.unitRows(bank, d), bankLabels, classes,
 *     CosineKnn.unitRows(queries, d), d);
 * }</pre>
 */
public final class CosineKnn {
  private final int k;
  private final double temperature;

  /**
   * @param k neighbours (capped at the bank's size)
   * @param temperature T of the vote weight {@code exp(cos / T)}
   * @throws IllegalArgumentException when k &lt; 1 or T is not positive
   */
  public CosineKnn(int k, double temperature) {
    if (k < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("k must be >= 1 and temperature > 0, got " + k + ", " + temperature);
    }
    this.k = k;
    this.temperature = temperature;
  }

  /** The predicted class of every query row. */
  public int[] predict(float[] unitBank, int[] bankLabels, int classes, float[] unitQueries, int d) {
    int[] out = new int[unitQueries.length / d];
    predict(unitBank, bankLabels, classes, unitQueries, d, 0, out.length, out);
    return out;
  }

  /**
   * The predicted classes of query rows {@code [from, to)}, written to {@code out[from..to)}: one
   * block of a prediction that callers may run on several threads.
   */
  public void predict(float[] unitBank, int[] bankLabels, int classes, float[] unitQueries, int d, int from, int to,
      int[] out) {
    int rows = bankLabels.length;
    if (unitBank.length != rows * d) {
      throw new IllegalArgumentException("the bank has " + unitBank.length + " values for " + rows + " labels of "
          + d + " features");
    }
    int kk = Math.min(k, rows);
    int[] idx = new int[kk];
    float[] sim = new float[kk];
    double[] votes = new double[classes];
    for (int t = from; t < to; t++) {
      int found = 0;
      for (int i = 0; i < rows; i++) {
        float s = dot(unitQueries, t * d, unitBank, i * d, d);
        if (found < kk) {
          insert(idx, sim, found++, i, s);
        } else if (s > sim[kk - 1]) {
          insert(idx, sim, kk - 1, i, s);
        }
      }
      Arrays.fill(votes, 0);
      for (int j = 0; j < found; j++) {
        votes[bankLabels[idx[j]]] += Math.exp(sim[j] / temperature);
      }
      int best = 0;
      for (int c = 1; c < votes.length; c++) {
        if (votes[c] > votes[best]) {
          best = c;
        }
      }
      out[t] = best;
    }
  }

  /** A copy of the rows of {@code d} values each, scaled to unit length (zero rows stay zero). */
  public static float[] unitRows(float[] values, int d) {
    float[] out = values.clone();
    for (int r = 0; r < values.length / d; r++) {
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

  /** A dot product with four accumulators, so the loop vectorizes. */
  private static float dot(float[] a, int ao, float[] b, int bo, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < n; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
