/**
 * Contract: the framework's exportable layer vocabulary: small, identifiable DJL blocks whose
 * hyper-parameters are readable through getters, and the {@link io.pretext.api.nn.layers.Layers}
 * factory that builds convolutions, batch norms and linear maps with one known set of
 * hyper-parameters and PyTorch's default initialisation.
 *
 * <p>Every built-in encoder is composed only of the classes listed in the
 * framework's layer-exporter registry; the ONNX exporter walks a block tree and writes
 * each of them. A block outside that set (for example DJL's {@code LambdaBlock}, whose function
 * is opaque) is reported by the export check.
 */
package io.pretext.api.nn.layers;

