package io.pretext.core.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.pretext.api.nn.layers.BatchNorm2d;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.nn.layers.Relu;
import io.pretext.api.nn.layers.Residual;
import io.pretext.api.onnx.LayerExporters;
import io.pretext.api.onnx.OnnxExportException;
import io.pretext.core.onnx.proto.ModelProto;
import io.pretext.core.onnx.proto.TensorShapeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxExporterTest extends ExportTestBase {
  private static final Shape SAMPLE = new Shape(2, 6, 6);
  private static Block small() {
    Block net = new SequentialBlock().addAll(Layers.conv3x3(4, 1), Layers.batchNorm(), Layers.relu(),
        new Residual(Layers.conv3x3(4, 1)), Layers.relu());
    return OnnxTesting.randomized(net, manager, 1, new Shape(1).addAll(SAMPLE));
  }

  @Test
  void aBlockWithoutAnExporterFailsWithItsPathAndClass() {
    Block net = new SequentialBlock().addAll(Layers.conv3x3(4, 1),
        new Residual(new SequentialBlock().addAll(Layers.batchNorm(), Activation.reluBlock())));
    OnnxTesting.randomized(net, manager, 1, new Shape(1).addAll(SAMPLE));
    Path target = dir.resolve("model.onnx");
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> new OnnxExporter().export(net, ExportInput.image(SAMPLE), Map.of(), target));
    assertTrue(e.getMessage().contains("02Residual/01main/02LambdaBlock (ai.djl.nn.LambdaBlock)"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void aWrongExporterIsCaughtAndNothingIsWritten() throws Exception {
    // A deliberately wrong exporter: ReLU written as a leaky ReLU with slope 0.01 for negatives.
    LayerExporters wrong = OnnxTesting.builtIn().with(Relu.class,
        (block, inputs, scope) -> List.of(scope.graph().node("LeakyRelu", scope.hint("leaky"),
            List.of(inputs.get(0).name()), attr("alpha", 0.01f))));
    Path target = dir.resolve("model.onnx");
    Files.writeString(target, "the previous export");
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> new OnnxExporter(17, 1e-4, 0, wrong).export(small(), ExportInput.image(SAMPLE), Map.of(), target));
    assertTrue(e.maxAbsDifference() > 1e-4, e.getMessage());
    assertTrue(e.getMessage().contains("differ") && e.getMessage().contains("batch 8: max |diff|"), e.getMessage());
    assertEquals("the previous export", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aSmallErrorIsCaughtAtTheToleranceAsked() {
    // Batch norm written with ten times its epsilon: a small but real difference.
    LayerExporters wrong = OnnxTesting.builtIn().with(BatchNorm2d.class,
        (norm, inputs, scope) -> List.of(scope.graph().node("BatchNormalization", scope.hint("bn"),
            List.of(inputs.get(0).name(), scope.weight("gamma"), scope.weight("beta"), scope.weight("runningMean"),
                scope.weight("runningVar")), attr("epsilon", norm.getEpsilon() * 10))));
    OnnxExportException e = assertThrows(OnnxExportException.class, () -> new OnnxExporter(17, 1e-6, 0, wrong)
        .export(small(), ExportInput.image(SAMPLE), Map.of(), dir.resolve("m.onnx")));
    assertTrue(e.maxAbsDifference() > 1e-6 && e.maxAbsDifference() < 1e-2, e.getMessage());
  }

  @Test
  void theFileCarriesOpsetNamesAxesAndMetadata() throws Exception {
    Path target = dir.resolve("sub/model.onnx");
    Map<String, String> metadata = Map.of("pretext.task", "simclr", "pretext.input", "float32[batch,2,6,6]");
    ExportResult result = new OnnxExporter(18, 1e-4, 0).export(small(), ExportInput.image(SAMPLE), metadata, target);
    assertEquals(target, result.file());
    assertEquals(Files.size(target), result.bytes());
    assertEquals(2, result.checks().size());

    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(target));
    assertEquals(18, model.getOpsetImport(0).getVersion());
    assertEquals(8, model.getIrVersion());
    assertEquals("input", model.getGraph().getInput(0).getName());
    List<TensorShapeProto.Dimension> dims = model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
    assertEquals("batch", dims.get(0).getDimParam());
    assertArrayEquals(new long[] {2, 6, 6}, dims.subList(1, 4).stream().mapToLong(TensorShapeProto.Dimension::getDimValue).toArray());
    assertEquals(List.of("features"), model.getGraph().getOutputList().stream().map(o -> o.getName()).toList());
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = OrtEnvironment.getEnvironment().createSession(target.toString(), options)) {
      Map<String, String> written = new java.util.HashMap<>(session.getMetadata().getCustomMetadata());
      assertTrue(written.remove(OnnxIntegrity.GRAPH_SHA256).matches("[0-9a-f]{64}"), "the graph's sha256");
      assertEquals(metadata, written);
      assertEquals("pretext", session.getMetadata().getProducerName());
    }
  }

  @Test
  void theSameModelAndSeedGiveTheSameFile() throws Exception {
    Block model = small();
    new OnnxExporter().export(model, ExportInput.image(SAMPLE), Map.of("k", "v"), dir.resolve("a.onnx"));
    new OnnxExporter().export(model, ExportInput.image(SAMPLE), Map.of("k", "v"), dir.resolve("b.onnx"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.onnx")), Files.readAllBytes(dir.resolve("b.onnx")));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new OnnxExporter(16, 1e-4, 0));
    assertThrows(IllegalArgumentException.class, () -> new OnnxExporter(17, 0, 0));
    Block uninitialised = new SequentialBlock().add(Layers.relu());
    OnnxExportException e = assertThrows(OnnxExportException.class, () -> new OnnxExporter()
        .export(new SequentialBlock().add(Layers.linear(3, true)), ExportInput.image(new Shape(4)), Map.of(),
            dir.resolve("x.onnx")));
    assertTrue(e.getMessage().contains("not initialised"), e.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> new ExportInput("ids", new Shape(4), ai.djl.ndarray.types.DataType.INT32, true));
    assertTrue(text.getMessage().contains("INT64"), text.getMessage());
    OnnxExportException noVocabulary = assertThrows(OnnxExportException.class, () -> new OnnxExporter()
        .export(OnnxTesting.randomized(uninitialised, manager, 1, new Shape(1, 4)), ExportInput.text(4), Map.of(),
            dir.resolve("y.onnx")));
    assertTrue(noVocabulary.getMessage().contains("TokenEmbedding"), noVocabulary.getMessage());
  }
}
