package io.pretext.downstream;

/**
 * Row-major feature vectors with one class label per row: frozen encoder features or raw inputs.
 *
 * @param values {@code rows × cols} floats, row after row
 * @param rows number of samples
 * @param cols feature length
 * @param labels one class index per row
 * @param classes number of classes
 */
public record FeatureMatrix(float[] values, int rows, int cols, int[] labels, int classes) {

  public FeatureMatrix {
    if ((long) rows * cols != values.length || labels.length != rows) {
      throw new IllegalArgumentException(rows + "x" + cols + " features need " + (long) rows * cols + " values and "
          + rows + " labels, got " + values.length + " and " + labels.length);
    }
    for (int y : labels) {
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("label " + y + " outside [0, " + classes + ")");
      }
    }
  }

  /** The rows at the given indices, in that order. */
  public FeatureMatrix rows(int[] indices) {
    float[] out = new float[indices.length * cols];
    int[] y = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(values, indices[i] * cols, out, i * cols, cols);
      y[i] = labels[indices[i]];
    }
    return new FeatureMatrix(out, indices.length, cols, y, classes);
  }
}
