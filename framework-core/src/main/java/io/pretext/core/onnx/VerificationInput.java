package io.pretext.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.random.RandomGenerator;

/**
 * One seeded random input for verification, batch axis included: standard normal pixels for an
 * image model, or token ids for a text model, each row a random length of ids in [1, bound)
 * followed by padding (id 0).
 */
final class VerificationInput {
  private final Shape shape;
  private final float[] floats;
  private final long[] ids;
  private final String description;

  private VerificationInput(Shape shape, float[] floats, long[] ids, String description) {
    this.shape = shape;
    this.floats = floats;
    this.ids = ids;
    this.description = description;
  }

  /** Standard normal values of shape (batch, sample...). */
  static VerificationInput normal(int batch, Shape sample, boolean sequence, RandomGenerator random) {
    Shape shape = new Shape(batch).addAll(sample);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return new VerificationInput(shape, values, null,
        "batch " + batch + (sequence ? ", sequence " + sample.get(0) : ""));
  }

  /**
   * Token ids of shape (batch, length): row 0 uses the full length, the others a random length in
   * [1, length]; ids in [1, bound), then 0 up to the length.
   */
  static VerificationInput tokens(int batch, int length, long bound, RandomGenerator random) {
    long[] values = new long[batch * length];
    for (int row = 0; row < batch; row++) {
      int used = row == 0 ? length : 1 + random.nextInt(length);
      for (int t = 0; t < used; t++) {
        values[row * length + t] = random.nextLong(1, bound);
      }
    }
    return new VerificationInput(new Shape(batch, length), null, values,
        "batch " + batch + ", sequence " + length + " (padded)");
  }

  String description() {
    return description;
  }

  NDArray toNDArray(NDManager manager) {
    return floats != null ? manager.create(floats, shape) : manager.create(ids, shape);
  }

  OnnxTensor toTensor(OrtEnvironment env) throws OrtException {
    return floats != null
        ? OnnxTensor.createTensor(env, FloatBuffer.wrap(floats), shape.getShape())
        : OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape.getShape());
  }
}
