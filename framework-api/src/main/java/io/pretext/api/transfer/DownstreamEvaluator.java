package io.pretext.api.transfer;

import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.transfer.TransferContext;

/**
 * A plugin that measures how well a pretrained encoder transfers to a labeled task: a linear
 * probe, kNN, fine-tuning, a from-scratch baseline. The {@code downstream.evaluators} list names
 * them; each is one row of the results table, run once per label budget.
 *
 * <p>Evaluators never change the pretrained weights: they load copies from the context. Every
 * random choice comes from {@link TransferContext#seeds()}, so a run is repeatable.
 */
public interface DownstreamEvaluator {

  /** The row name in the results table, e.g. "linear probe". */
  String method();

  /**
   * Trains on the labeled subset and measures accuracy on the test set.
   *
   * @param context the pretrained encoder, preprocessing, seeds, device and threads
   * @param task the labeled subset and the test set of one label budget
   */
  EvaluationResult evaluate(TransferContext context, LabeledTask task);
}
