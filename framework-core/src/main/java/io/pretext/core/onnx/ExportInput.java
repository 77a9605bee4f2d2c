package io.pretext.core.onnx;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
  public static final String IMAGE_NAME = "input";
  /** The conventional name of a token-id input. */
  public static final String TEXT_NAME = "input_ids";

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
}
