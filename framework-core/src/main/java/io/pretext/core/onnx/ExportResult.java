package io.pretext.core.onnx;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link OnnxExporter#export} wrote and how it was checked.
 *
 * @param file the ONNX file
 * @param maxAbsDifference the largest |Java - ONNX Runtime| over every output element of every
 *     verification input
 * @param checks one line per verification input, e.g. {@code batch 8: max |diff| 2.4e-07}
 * @param bytes the file's size
 */
public record ExportResult(Path file, double maxAbsDifference, List<String> checks, long bytes) {
  public ExportResult {
    checks = List.copyOf(checks);
  }
}
