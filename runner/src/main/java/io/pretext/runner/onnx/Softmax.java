package io.pretext.runner.onnx;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Class probabilities from a classifier's logits. */
public final class Softmax {
  private Softmax() {}

  /** {@code exp(z - max) / Σ exp(z - max)}, in double precision. */
  public static double[] of(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float z : logits) {
      max = Math.max(max, z);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** The indices of the k largest values, largest first (ties: lower index first). */
  public static int[] topK(double[] p, int k) {
    return IntStream.range(0, p.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }
}
