/**
 * Contract: the layer-writer SPI of ONNX export, with no protobuf: a {@link io.pretext.api.onnx.LayerExporter}
 * writes one block class into an in-memory {@link io.pretext.api.onnx.OnnxGraph} through an {@link
 * io.pretext.api.onnx.ExportScope}; {@link io.pretext.api.onnx.LayerExporters} is the set of
 * writers by class and the check that a model uses no other; {@link
 * io.pretext.api.onnx.InputSignature} is the input an encoder declares. The writers of the
 * framework's own layers (io.pretext.api.nn.layers) live here too.
 *
 * <p>A plugin registers the writer of each layer it brings with {@link
 * io.pretext.api.plugin.PluginRegistrar#layerExporter}; the engine builds the set from every
 * module's registrations, serialises the graph and verifies it with ONNX Runtime.
 */
package io.pretext.api.onnx;
