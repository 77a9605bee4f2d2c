/**
 * Contract: what downstream evaluators receive: the {@link io.pretext.api.transfer.TransferContext} (the
 * pretrained encoder and how to copy it, a fresh encoder of the same architecture, preprocessing,
 * batching, seeds, device, threads), one {@link io.pretext.api.transfer.LabeledTask} per label
 * budget, and what they return, an {@link io.pretext.api.transfer.EvaluationResult}.
 */
package io.pretext.api.transfer;
