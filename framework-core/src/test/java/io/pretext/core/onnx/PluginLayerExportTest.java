package io.pretext.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.onnx.OnnxExportException;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.core.engine.EngineSetup;
import io.pretext.core.onnx.proto.ModelProto;
import io.pretext.core.onnx.proto.NodeProto;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.testplugin.RotationTask;
import io.pretext.core.testplugin.ScaledTanh;
import io.pretext.core.testplugin.ScaledTanhEncoder;
import io.pretext.core.testplugin.TinyImages;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proof that export is open to plugins: the test plugin (io.pretext.core.testplugin, found
 * through the test services file) brings an encoder with its own {@link ScaledTanh} layer and the
 * layer's writer; the encoder trains, exports through the registry's writers with no framework
 * change, and ONNX Runtime agrees with the Java model. A layer without a writer is named by the
 * check with its path and class.
 */
class PluginLayerExportTest extends ExportTestBase {
  private static final double TOLERANCE = 1e-4;
  private static final Shape SAMPLE = new Shape(1, 8, 8);
  private static final RuntimeSettings RUNTIME = new RuntimeSettings(7, 1, "cpu", Path.of("unused"));

  @Test
  void aPluginLayerTrainsAndExportsThroughItsRegisteredWriter() throws Exception {
    PluginRegistry registry = PluginLoader.discover().createRegistry(RUNTIME, MetricsSink.NONE);
    assertTrue(registry.layerExporters().classes().contains(ScaledTanh.class));
    Encoder encoder = registry.create(PluginKind.ENCODER, Encoder.class,
        ConfigNode.of("encoder", Map.of("name", "scaled-tanh-mlp", "hidden", 24L, "features", 8L)));
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", Map.of("epochs", 1, "batch-size", 8,
        "learning-rate", 0.01, "checkpoint-every", 0, "workers", 1, "prefetch", 2, "log-every", 1000)));
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(42), new EngineSetup(RUNTIME),
        RunDirectory.create(dir.resolve("run")), MetricsSink.NONE, ProgressReporter.NONE);
    try (TrainResult trained = loop.run(new RotationTask(), encoder, new TinyImages(32, 8, 3),
        AugmentPipeline.identity())) {
      assertEquals(4, trained.steps());
      assertTrue(Double.isFinite(trained.finalLoss()), "loss " + trained.finalLoss());

      Path file = dir.resolve("plugin.onnx");
      ExportInput input = ExportInput.of(encoder.inputSignature(trained.inputShape()), trained.inputShape());
      ExportResult result = new OnnxExporter(17, TOLERANCE, 0, registry.layerExporters())
          .export(trained.encoder(), input, Map.of(), file);
      assertTrue(result.maxAbsDifference() <= TOLERANCE, result.checks().toString());

      List<String> ops = ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().getNodeList().stream()
          .map(NodeProto::getOpType).toList();
      assertTrue(ops.contains("Tanh"), ops.toString());
      Shape batch5 = new Shape(5).addAll(SAMPLE);
      double diff = OnnxTesting.maxDifference(file, trained.encoder(), "input", batch5,
          OnnxTesting.normal(batch5, 11), null);
      assertTrue(diff <= TOLERANCE, "batch 5: max |diff| " + diff);
    }
  }

  @Test
  void aLayerWithoutAWriterIsNamedWithItsPathAndClass() {
    Block block = new ScaledTanhEncoder(6, 4, false).build(SAMPLE);
    String expected = "03UnwrittenSoftsign (io.pretext.core.testplugin.UnwrittenSoftsign)";
    assertEquals(List.of(expected), PluginLoader.discover().layerExporters().unsupported(block));

    OnnxTesting.randomized(block, manager, 1, new Shape(1).addAll(SAMPLE));
    Path target = dir.resolve("unwritten.onnx");
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> new OnnxExporter().export(block, ExportInput.image(SAMPLE), Map.of(), target));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void withoutThePluginsWriterItsLayerIsNotExportable() {
    Block block = new ScaledTanhEncoder(6, 4, true).build(SAMPLE);
    assertEquals(List.of("03ScaledTanh (io.pretext.core.testplugin.ScaledTanh)"), OnnxTesting.builtIn().unsupported(block));
    assertEquals(List.of(), PluginLoader.discover().layerExporters().unsupported(block));
  }
}
