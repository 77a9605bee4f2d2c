package io.pretext.downstream;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the transfer evaluators. */
public final class DownstreamPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.evaluator("linear-probe", ProbeEvaluator.LinearProbeFactory.class);
    plugins.evaluator("knn", KnnEvaluator.KnnFactory.class);
    plugins.evaluator("fine-tune", EndToEndEvaluator.FineTuneFactory.class);
    plugins.evaluator("from-scratch", EndToEndEvaluator.FromScratchFactory.class);
    plugins.evaluator("random-init-probe", ProbeEvaluator.RandomInitProbeFactory.class);
    plugins.evaluator("raw-pixels-logreg", ProbeEvaluator.RawPixelsFactory.class);
    plugins.evaluator("raw-pixels-knn", KnnEvaluator.RawPixelsFactory.class);
    plugins.evaluator("bag-of-words", ProbeEvaluator.BagOfWordsFactory.class);
  }
}
