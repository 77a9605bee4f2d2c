package io.pretext.core.onnx;

import io.pretext.api.nn.layers.AvgPool2d;
import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.LayerNorm;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.nn.layers.MaxPool2d;
import io.pretext.api.nn.layers.MultiHeadSelfAttention;
import io.pretext.api.nn.layers.PositionEmbedding;
import io.pretext.api.nn.layers.Residual;
import io.pretext.api.nn.layers.TokenEmbedding;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.nn.layers.TransformerLayer;

import io.pretext.api.onnx.LayerExporters;
import io.pretext.api.onnx.OnnxExportException;
import io.pretext.core.plugin.PluginLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build-time export check, on the writers the plugin modules register (the registry the
 * exporter writes with): the vocabulary passes, and a block without a writer is named with its
 * path and class.
 */
class ExportCheckTest {
  private static final LayerExporters REGISTERED = PluginLoader.discover().layerExporters();


  @Test
  void theVocabularyIsExportable() {
    SequentialBlock net = new SequentialBlock().addAll(
        Layers.conv3x3(4, 1), Layers.batchNorm(), Layers.relu(), new MaxPool2d(2, 2, 0), new AvgPool2d(3, 1, 1),
        new Residual(Layers.conv3x3(4, 1)), new GlobalAvgPool2d(), new Flatten(), Layers.linear(3, true),
        Layers.gelu());
    assertEquals(List.of(), REGISTERED.unsupported(net));
  }

  @Test
  void theTextEncoderIsExportable() {
    TransformerEncoder encoder = new io.pretext.core.nn.encoders.TextTransformer(50, 12, 8, 2, 2, 16, 0.1f)
        .build(new ai.djl.ndarray.types.Shape(12));
    assertEquals(List.of(), REGISTERED.unsupported(encoder));
    assertTrue(REGISTERED.classes().containsAll(List.of(TokenEmbedding.class, PositionEmbedding.class,
        LayerNorm.class, Dropout.class, MultiHeadSelfAttention.class, TransformerLayer.class)));
  }

  @Test
  void lambdaBlocksAreReportedWithTheirPath() {
    SequentialBlock net = new SequentialBlock().addAll(
        Layers.conv3x3(4, 1),
        new Residual(new SequentialBlock().addAll(Layers.batchNorm(), Activation.reluBlock())),
        Blocks.batchFlattenBlock());
    List<String> bad = REGISTERED.unsupported(net);
    assertEquals(List.of(
        "02Residual/01main/02LambdaBlock (ai.djl.nn.LambdaBlock)",
        "03LambdaBlock (ai.djl.nn.LambdaBlock)"), bad);
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> REGISTERED.requireExportable(net, "encoder 'x'"));
    assertTrue(e.getMessage().startsWith("encoder 'x' cannot be written to ONNX: no exporter for 02Residual"),
        e.getMessage());
    assertTrue(e.getMessage().contains("PluginRegistrar.layerExporter"), e.getMessage());
  }

  @Test
  void theRootItselfIsChecked() {
    assertEquals(List.of("<root> (ai.djl.nn.LambdaBlock)"), REGISTERED.unsupported(Activation.reluBlock()));
  }
}
