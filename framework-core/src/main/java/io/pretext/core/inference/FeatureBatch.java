package io.pretext.core.inference;

/**
 * The first output of a model for one batch, row-major: {@code rows × cols} floats (features, or a
 * classifier's logits).
 */
public record FeatureBatch(float[] values, int rows, int cols) {
  public FeatureBatch {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(values.length + " values do not make " + rows + " x " + cols);
    }
  }

  /** One row, copied. */
  public float[] row(int i) {
    float[] out = new float[cols];
    System.arraycopy(values, i * cols, out, 0, cols);
    return out;
  }
}
