package io.pretext.api.onnx;

import io.pretext.api.PretextUserException;

/**
 * An export that could not be written: a block without an exporter (the message names its path
 * and class), or a file whose outputs differ from the Java model's by more than the tolerance
 * (the message gives the difference; nothing is written).
 */
public class OnnxExportException extends PretextUserException {
  private static final long serialVersionUID = 1L;
  private final double maxAbsDifference;

  public OnnxExportException(String message) {
    this(message, Double.NaN);
  }

  /** A refused export: the outputs differed by {@code maxAbsDifference}. */
  public OnnxExportException(String message, double maxAbsDifference) {
    super(message);
    this.maxAbsDifference = maxAbsDifference;
  }

  public OnnxExportException(String message, Throwable cause) {
    super(message, cause);
    this.maxAbsDifference = Double.NaN;
  }

  /** The difference that made verification fail; NaN when the export failed for another reason. */
  public double maxAbsDifference() {
    return maxAbsDifference;
  }
}
