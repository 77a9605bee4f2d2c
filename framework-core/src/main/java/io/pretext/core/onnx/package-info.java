/**
 * Engine internals: the ONNX writer. {@link io.pretext.core.onnx.OnnxExporter} walks a block tree
 * with one {@link io.pretext.core.onnx.LayerExporter} per exportable layer class
 * ({@link io.pretext.core.onnx.LayerExporters}), builds the graph ({@link io.pretext.core.onnx.OnnxGraph})
 * and verifies it with ONNX Runtime ({@link io.pretext.core.onnx.OnnxVerifier}) before an atomic write.
 */
package io.pretext.core.onnx;
