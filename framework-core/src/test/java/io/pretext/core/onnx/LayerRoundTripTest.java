package io.pretext.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.AvgPool2d;
import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.LayerNorm;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.nn.layers.MaxPool2d;
import io.pretext.api.nn.layers.PositionEmbedding;
import io.pretext.api.nn.layers.Residual;
import io.pretext.api.nn.layers.TokenEmbedding;
import io.pretext.api.nn.layers.TransformerEncoder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each exportable layer alone, with random weights, written through the exporter with a 1e-5
 * tolerance (verification inside the export), then checked again from the file at batch 5.
 */
class LayerRoundTripTest extends ExportTestBase {
  private static final double TOLERANCE = 1e-5;
  /** A layer, its input and the opset it is written with. */
  record Case(String name, Supplier<Block> block, ExportInput input, int opset) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> layers() {
    ExportInput image = ExportInput.image(new Shape(3, 9, 9));
    ExportInput sequence = new ExportInput("x", new Shape(6, 8), DataType.FLOAT32, true);
    return Stream.of(
        new Case("Conv2d 3x3 stride 2 pad 1 with bias", () -> Layers.conv2d(4, 3, 2, 1, true), image, 17),
        new Case("Conv2d 1x1 no bias", () -> Layers.conv1x1(5, 1), image, 17),
        new Case("Linear on (N, F)", () -> Layers.linear(7, true), ExportInput.image(new Shape(12)), 17),
        new Case("Linear on (N, T, F), no bias", () -> Layers.linear(5, false), sequence, 17),
        new Case("BatchNorm2d", Layers::batchNorm, image, 17),
        new Case("Relu", Layers::relu, image, 17),
        new Case("Gelu (erf expression)", Layers::gelu, image, 17),
        new Case("Gelu (opset 20 operator)", Layers::gelu, image, 20),
        new Case("MaxPool2d 3 stride 2 pad 1", () -> new MaxPool2d(3, 2, 1), image, 17),
        new Case("MaxPool2d 2 stride 2", () -> new MaxPool2d(2, 2, 0), image, 17),
        new Case("AvgPool2d 3 stride 2 pad 1", () -> new AvgPool2d(3, 2, 1), image, 17),
        new Case("GlobalAvgPool2d", GlobalAvgPool2d::new, image, 17),
        new Case("Flatten", Flatten::new, image, 17),
        new Case("Residual, identity shortcut", () -> new Residual(Layers.conv3x3(3, 1)), image, 17),
        new Case("Residual, projection shortcut",
            () -> new Residual(Layers.conv3x3(6, 2), new SequentialBlock().addAll(Layers.conv1x1(6, 2), Layers.batchNorm())),
            image, 17),
        new Case("SequentialBlock", () -> new SequentialBlock().addAll(Layers.conv3x3(4, 1), Layers.relu(), new Flatten(),
            Layers.linear(3, true)), image, 17),
        new Case("TokenEmbedding", () -> new TokenEmbedding(20, 8), ExportInput.text(7), 17),
        new Case("PositionEmbedding", () -> new PositionEmbedding(10, 8), sequence, 17),
        new Case("LayerNorm", LayerNorm::new, sequence, 17),
        new Case("LayerNorm (opset 18: ReduceMean axes as input)", () -> new LayerNorm(1e-3f), sequence, 18),
        new Case("Dropout (inference)", () -> new Dropout(0.3f), sequence, 17),
        // attention and the Transformer layer take the padding mask as a second input, so they are
        // checked inside the smallest encoder: one layer, two heads
        new Case("MultiHeadSelfAttention + TransformerLayer + TransformerEncoder",
            () -> new TransformerEncoder(30, 12, 8, 1, 2, 16, 0.1f), ExportInput.text(9), 17),
        new Case("FirstOutput after the text encoder, then Linear",
            () -> new SequentialBlock().addAll(new TransformerEncoder(30, 12, 8, 1, 2, 16, 0.1f), new FirstOutput(),
                Layers.linear(3, true)), ExportInput.text(9), 17),
        new Case("TransformerEncoder, opset 21", () -> new TransformerEncoder(30, 12, 8, 2, 4, 16, 0.1f),
            ExportInput.text(12), 21))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void roundTripsWithinOneInHundredThousand(Case c) throws Exception {
    Shape traced = new Shape(1).addAll(c.input().sampleShape());
    Block block = OnnxTesting.randomized(c.block().get(), manager, 7, traced);
    Path file = dir.resolve("layer.onnx");
    ExportResult result = new OnnxExporter(c.opset(), TOLERANCE, 3).export(block, c.input(), Map.of(), file);
    assertTrue(result.maxAbsDifference() <= TOLERANCE, result.checks().toString());
    assertTrue(result.checks().size() >= 2, result.checks().toString());

    Shape batch5 = new Shape(5).addAll(c.input().sampleShape());
    double diff = c.input().type() == DataType.INT64
        ? OnnxTesting.maxDifference(file, block, c.input().name(), batch5, null,
            OnnxTesting.tokenIds(5, (int) batch5.get(1), 20, 11))
        : OnnxTesting.maxDifference(file, block, c.input().name(), batch5, OnnxTesting.normal(batch5, 11), null);
    assertTrue(diff <= TOLERANCE, "batch 5: max |diff| " + diff);
  }

  @Test
  void everyBuiltInWriterHasACase() {
    Set<Class<? extends Block>> exported = OnnxTesting.builtIn().classes();
    Set<Class<?>> covered = new HashSet<>();
    layers().forEach(a -> collect(((Case) a.get()[0]).block().get(), covered));
    assertEquals(exported, covered);
  }

  private static void collect(Block block, Set<Class<?>> out) {
    out.add(block.getClass());
    block.getChildren().values().forEach(b -> collect(b, out));
  }
}
