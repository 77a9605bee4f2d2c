package io.pretext.downstream;

import io.pretext.api.transfer.DownstreamEvaluator;

/**
 * What kind of row an evaluator gives: whether it trains the encoder end to end (fine-tune,
 * from-scratch: its own seed list, {@code downstream.end-to-end-seeds}) and whether it is a
 * baseline that does not read the pretrained weights (from scratch, random-init probe, raw
 * pixels, bag of words), which a comparison of methods shows once. An evaluator from another
 * plugin counts as a frozen-feature evaluator of the pretrained encoder.
 */
final class EvaluatorKinds {
  private EvaluatorKinds() {}

  /** Whether the evaluator trains an encoder on the labeled subset. */
  static boolean endToEnd(DownstreamEvaluator e) {
    return e instanceof EndToEndEvaluator;
  }

  /** Whether the evaluator's result does not depend on the pretrained weights. */
  static boolean baseline(DownstreamEvaluator e) {
    if (e instanceof EndToEndEvaluator end) {
      return !end.pretrained();
    }
    if (e instanceof ProbeEvaluator probe) {
      return probe.source() != FeatureSource.PRETRAINED;
    }
    if (e instanceof KnnEvaluator knn) {
      return knn.source() != FeatureSource.PRETRAINED;
    }
    return false;
  }
}
