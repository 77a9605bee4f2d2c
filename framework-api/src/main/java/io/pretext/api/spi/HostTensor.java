package io.pretext.api.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A tensor held in a plain Java array, made by batch preparation on background threads and turned
 * into an {@link NDArray} on the training thread, inside the step's own NDManager.
 */
public final class HostTensor {
  private final Shape shape;
  private final float[] floats;
  private final int[] ints;

  private HostTensor(Shape shape, float[] floats, int[] ints) {
    long n = shape.size();
    int length = floats != null ? floats.length : ints.length;
    if (n != length) {
      throw new IllegalArgumentException("shape " + shape + " needs " + n + " values, got " + length);
    }
    this.shape = shape;
    this.floats = floats;
    this.ints = ints;
  }

  public static HostTensor ofFloats(float[] values, long... shape) {
    return new HostTensor(new Shape(shape), values, null);
  }

  public static HostTensor ofInts(int[] values, long... shape) {
    return new HostTensor(new Shape(shape), null, values);
  }

  public Shape shape() {
    return shape;
  }

  public boolean isFloat() {
    return floats != null;
  }

  /** The float values; throws when the tensor holds integers. */
  public float[] floats() {
    if (floats == null) {
      throw new IllegalStateException("tensor holds integers");
    }
    return floats;
  }

  /** The integer values; throws when the tensor holds floats. */
  public int[] ints() {
    if (ints == null) {
      throw new IllegalStateException("tensor holds floats");
    }
    return ints;
  }

  /** Copies the values into a new NDArray owned by the manager. */
  public NDArray toNDArray(NDManager manager) {
    return floats != null ? manager.create(floats, shape) : manager.create(ints, shape);
  }

  @Override
  public String toString() {
    return "HostTensor" + shape + (floats != null ? Arrays.toString(Arrays.copyOf(floats, Math.min(4, floats.length))) : "");
  }
}
