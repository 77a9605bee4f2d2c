/**
 * Engine internals: inference on exported models with ONNX Runtime: {@link io.pretext.core.inference.OnnxSessions}
 * opens an {@code .onnx} file on the CPU or CUDA ({@link io.pretext.core.inference.InferenceDevice}),
 * {@link io.pretext.core.inference.EncoderSession} runs batches, {@link
 * io.pretext.core.inference.ModelMetadata} reads what {@code pretext export} recorded.
 */
package io.pretext.core.inference;
