package io.pretext.core.onnx;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.pretext.api.nn.layers.AvgPool2d;
import io.pretext.api.nn.layers.BatchNorm2d;
import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.Gelu;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.LayerNorm;
import io.pretext.api.nn.layers.MaxPool2d;
import io.pretext.api.nn.layers.MultiHeadSelfAttention;
import io.pretext.api.nn.layers.PositionEmbedding;
import io.pretext.api.nn.layers.Relu;
import io.pretext.api.nn.layers.Residual;
import io.pretext.api.nn.layers.TokenEmbedding;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.nn.layers.TransformerLayer;
import io.pretext.api.onnx.ActivationExporters;
import io.pretext.api.onnx.AttentionExporter;
import io.pretext.api.onnx.BatchNorm2dExporter;
import io.pretext.api.onnx.Conv2dExporter;
import io.pretext.api.onnx.EmbeddingExporters;
import io.pretext.api.onnx.LinearExporter;
import io.pretext.api.onnx.PoolExporters;
import io.pretext.api.onnx.StructureExporters;
import io.pretext.api.onnx.TransformerExporters;
import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/**
 * The ONNX writers of the framework's layer vocabulary (io.pretext.api.nn.layers, and DJL's
 * SequentialBlock, Conv2d and Linear), registered as any plugin registers the writers of its
 * layers. This list is the set of built-in exportable classes.
 */
public final class LayerExporterPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.layerExporter(SequentialBlock.class, StructureExporters::sequential);
    plugins.layerExporter(Residual.class, StructureExporters::residual);
    plugins.layerExporter(Conv2d.class, new Conv2dExporter());
    plugins.layerExporter(Linear.class, new LinearExporter());
    plugins.layerExporter(BatchNorm2d.class, new BatchNorm2dExporter());
    plugins.layerExporter(Relu.class, ActivationExporters::relu);
    plugins.layerExporter(Gelu.class, ActivationExporters::gelu);
    plugins.layerExporter(MaxPool2d.class, PoolExporters::max);
    plugins.layerExporter(AvgPool2d.class, PoolExporters::average);
    plugins.layerExporter(GlobalAvgPool2d.class, PoolExporters::globalAverage);
    plugins.layerExporter(Flatten.class, StructureExporters::flatten);
    plugins.layerExporter(FirstOutput.class, StructureExporters::firstOutput);
    plugins.layerExporter(TokenEmbedding.class, EmbeddingExporters::tokens);
    plugins.layerExporter(PositionEmbedding.class, EmbeddingExporters::positions);
    plugins.layerExporter(LayerNorm.class, TransformerExporters::layerNorm);
    plugins.layerExporter(Dropout.class, TransformerExporters::dropout);
    plugins.layerExporter(MultiHeadSelfAttention.class, new AttentionExporter());
    plugins.layerExporter(TransformerLayer.class, TransformerExporters::layer);
    plugins.layerExporter(TransformerEncoder.class, TransformerExporters::encoder);
  }
}
