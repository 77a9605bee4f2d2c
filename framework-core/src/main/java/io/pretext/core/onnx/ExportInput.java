package io.pretext.core.onnx;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pretext.api.onnx.InputSignature;
import java.util.Objects;

/**
 * The single input of an exported model.
 *
 * <p>Images: name {@code input}, {@link DataType#FLOAT32}, sample shape (C, H, W). Text: name
 * {@code input_ids}, {@link DataType#INT64}, sample shape (T,) and {@code dynamicSequence}, so
 * that axis 1 is named {@code sequence} and any length runs; id 0 is padding. The batch axis is
 * always dynamic and named {@code batch}.
 *
 * @param name the graph input's name
 * @param sampleShape the shape of one sample, batch axis excluded; for text a typical length, used
 *     to trace the model and as the longest verification length
 * @param type FLOAT32 or INT64
 * @param dynamicSequence whether axis 1 (the first sample axis) is dynamic, named {@code sequence}
 */
public record ExportInput(String name, Shape sampleShape, DataType type, boolean dynamicSequence) {
  /** The conventional name of an image input. */
  public static final String IMAGE_NAME = InputSignature.IMAGE_NAME;
  /** The conventional name of a token-id input. */
  public static final String TEXT_NAME = InputSignature.TOKEN_IDS_NAME;

  public ExportInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sampleShape, "sampleShape");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the input needs a name");
    }
    if (type != DataType.FLOAT32 && type != DataType.INT64) {
      throw new IllegalArgumentException("input '" + name + "': only FLOAT32 (images) and INT64 (token ids) are "
          + "exported, got " + type);
    }
    if (sampleShape.dimension() < 1) {
      throw new IllegalArgumentException("input '" + name + "': the sample shape needs at least one axis");
    }
    for (long d : sampleShape.getShape()) {
      if (d < 1) {
        throw new IllegalArgumentException("input '" + name + "': every sample axis must be >= 1, got " + sampleShape);
      }
    }
  }

  /** An image input {@code input}: FLOAT32 (C, H, W). */
  public static ExportInput image(Shape chw) {
    return new ExportInput(IMAGE_NAME, chw, DataType.FLOAT32, false);
  }

  /** A token-id input {@code input_ids}: INT64 (T,), the sequence axis dynamic; T is the longest length verified. */
  public static ExportInput text(int length) {
    return new ExportInput(TEXT_NAME, new Shape(length), DataType.INT64, true);
  }

  /**
   * The input an encoder declares ({@link io.pretext.api.spi.Encoder#inputSignature}), traced at
   * one input of the given shape.
   *
   * @param inputShape one encoder input without the batch axis, e.g. (1, 28, 28); for token ids
   *     the longest sequence, (T), used to trace and as the longest length verified
   * @throws IllegalArgumentException when a fixed axis of the signature differs from the shape, or
   *     a dynamic axis is other than {@code batch} (axis 0) and {@code sequence} (axis 1)
   */
  public static ExportInput of(InputSignature signature, Shape inputShape) {
    long[] declared = signature.sampleShape();
    if (declared.length != inputShape.dimension()) {
      throw new IllegalArgumentException("input '" + signature.name() + "' " + signature + " does not fit the input "
          + "shape " + inputShape);
    }
    for (int axis = 0; axis < declared.length; axis++) {
      boolean sequence = axis == 0 && InputSignature.SEQUENCE_AXIS.equals(signature.names().get(1));
      if (declared[axis] < 0 && !sequence) {
        throw new IllegalArgumentException("input '" + signature.name() + "' " + signature + ": only the batch axis and "
            + "axis 1, named '" + InputSignature.SEQUENCE_AXIS + "', may be dynamic");
      }
      if (declared[axis] >= 0 && declared[axis] != inputShape.get(axis)) {
        throw new IllegalArgumentException("input '" + signature.name() + "' " + signature + " does not fit the input "
            + "shape " + inputShape);
      }
    }
    DataType type = signature.isTokenIds() ? DataType.INT64 : DataType.FLOAT32;
    return new ExportInput(signature.name(), inputShape, type, signature.dynamicSequence());
  }
}
