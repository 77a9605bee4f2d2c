/**
 * Transfer of a pretrained encoder to a labeled task with few labels: stratified, nested labeled
 * subsets ({@link io.pretext.downstream.LabeledSubsets}), the evaluators (linear probe, kNN,
 * fine-tune, from-scratch, the random-init and raw-pixel controls) registered by {@link
 * io.pretext.downstream.DownstreamPlugins}, and the results table ({@link
 * io.pretext.downstream.TransferResults}). {@link io.pretext.downstream.Transfer} runs them all.
 */
package io.pretext.downstream;
