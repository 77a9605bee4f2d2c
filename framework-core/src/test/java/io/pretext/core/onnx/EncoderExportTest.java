package io.pretext.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.nn.encoders.ResNet18;
import io.pretext.core.nn.encoders.ResNetMini;
import io.pretext.core.nn.encoders.TextTransformer;
import io.pretext.api.spi.Encoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each built-in encoder, with random weights (batch-norm statistics included), exported once and
 * run from the same file at batch 1, 7 and 64 (dynamic batch) within 1e-4 of the Java model; the
 * text encoder at several sequence lengths with padding.
 */
class EncoderExportTest extends ExportTestBase {
  private static final double TOLERANCE = 1e-4;
  private static final int VOCABULARY = 40;
  static Stream<Arguments> imageEncoders() {
    return Stream.of(
        Arguments.of("mlp", new MlpEncoder(List.of(16L), 8), new Shape(1, 8, 8)),
        Arguments.of("resnet-mini", new ResNetMini(4), new Shape(1, 28, 28)),
        Arguments.of("resnet18", new ResNet18(4), new Shape(3, 16, 16)),
        Arguments.of("resnet18-imagenet-stem", new ResNet18(4, ResNet18.Stem.IMAGENET), new Shape(3, 40, 40)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("imageEncoders")
  void imageEncodersRunAtAnyBatch(String name, Encoder encoder, Shape sample) throws Exception {
    Block model = OnnxTesting.randomized(encoder.build(sample), manager, 5, new Shape(1).addAll(sample));
    Path file = dir.resolve(name + ".onnx");
    ExportResult result = new OnnxExporter().export(model, ExportInput.image(sample), Map.of(), file);
    assertTrue(result.maxAbsDifference() <= TOLERANCE, result.checks().toString());

    for (int batch : new int[] {1, 7, 64}) {
      Shape shape = new Shape(batch).addAll(sample);
      double diff = OnnxTesting.maxDifference(file, model, "input", shape, OnnxTesting.normal(shape, batch), null);
      assertTrue(diff <= TOLERANCE, name + " batch " + batch + ": max |diff| " + diff);
    }
    assertAxes(file, "input", List.of("batch", "", "", ""), "features", List.of("batch", ""));
  }

  @Test
  void textEncoderRunsAtAnyBatchAndLengthWithPadding() throws Exception {
    TextTransformer encoder = new TextTransformer(VOCABULARY, 24, 16, 2, 4, 32, 0.1f);
    Block model = OnnxTesting.randomized(encoder.build(new Shape(24)), manager, 9, new Shape(1, 24));
    Path file = dir.resolve("text.onnx");
    ExportResult result = new OnnxExporter().export(model, ExportInput.text(24), Map.of("pretext.task", "mlm"), file);
    assertTrue(result.maxAbsDifference() <= TOLERANCE, result.checks().toString());
    assertTrue(result.checks().stream().anyMatch(c -> c.contains("sequence 3 (padded)")), result.checks().toString());

    for (int batch : new int[] {1, 7, 64}) {
      for (int length : new int[] {24, 11, 2}) {
        Shape shape = new Shape(batch, length);
        long[] ids = OnnxTesting.tokenIds(batch, length, VOCABULARY, 31L * batch + length);
        double diff = OnnxTesting.maxDifference(file, model, "input_ids", shape, null, ids);
        assertTrue(diff <= TOLERANCE, "batch " + batch + ", length " + length + ": max |diff| " + diff);
      }
    }
    assertAxes(file, "input_ids", List.of("batch", "sequence"), "features", List.of("batch", ""));
    assertAxes(file, "input_ids", List.of("batch", "sequence"), "tokens", List.of("batch", "sequence", ""));
  }

  /** The declared axes of an input and an output: symbolic names, "" for fixed sizes. */
  private static void assertAxes(Path file, String input, List<String> inputAxes, String output,
      List<String> outputAxes) throws Exception {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), options)) {
      assertEquals(inputAxes, axes(session.getInputInfo().get(input)));
      assertEquals(outputAxes, axes(session.getOutputInfo().get(output)));
    }
  }

  private static List<String> axes(NodeInfo info) {
    return Arrays.asList(((TensorInfo) info.getInfo()).getDimensionNames());
  }
}
