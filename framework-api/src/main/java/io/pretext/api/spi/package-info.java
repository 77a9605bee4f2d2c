/**
 * Contract: the plugin interfaces, {@link io.pretext.api.spi.PretextTask}, {@link
 * io.pretext.api.spi.Augmenter}, {@link io.pretext.api.spi.Encoder}, {@link
 * io.pretext.api.spi.Head}, {@link io.pretext.api.spi.DataSource} (and {@link
 * io.pretext.api.transfer.DownstreamEvaluator}), and what they exchange with the engine (batches,
 * host tensors, the transfer input, a trained task's {@link io.pretext.api.spi.MaskedTokenPredictor}).
 * A plugin implements one of them and registers a factory for it in its {@link
 * io.pretext.api.plugin.PluginModule}. A pretext task's model is built from a {@link
 * io.pretext.api.spi.ModelContext}; it may act at step boundaries ({@link
 * io.pretext.api.spi.TrainingHook}, {@link io.pretext.api.spi.StepContext}) and keep checkpointed
 * state that is not a parameter ({@link io.pretext.api.spi.TaskState}).
 */
package io.pretext.api.spi;
