/**
 * Inference on exported models with ONNX Runtime: {@link io.pretext.api.inference.OnnxSessions}
 * opens an {@code .onnx} file on the CPU or CUDA ({@link io.pretext.api.inference.InferenceDevice}),
 * {@link io.pretext.api.inference.EncoderSession} runs batches, {@link
 * io.pretext.api.inference.ModelMetadata} reads what {@code pretext export} recorded.
 */
package io.pretext.api.inference;
