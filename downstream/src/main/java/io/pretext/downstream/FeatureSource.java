package io.pretext.downstream;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.data.Dataset;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.transfer.TransferContext;

/**
 * Where a frozen evaluator's features come from: the pretrained encoder, a randomly initialized
 * encoder of the same architecture (the no-pretraining control), the preprocessed raw inputs
 * (the raw-pixel baselines), or the binary bag of words of text samples (the text baseline). The test set's features are computed once per transfer and shared.
 */
enum FeatureSource {
  PRETRAINED,
  RANDOM_INIT,
  RAW_INPUT,
  BAG_OF_WORDS;

  /** The seed purpose of the random-init encoder: the same weights for every evaluator and budget. */
  static final String RANDOM_INIT_PURPOSE = "downstream-random-init-encoder";

  /** Features of the task's labeled subset and test set. */
  FeatureMatrix[] trainAndTest(TransferContext context, LabeledTask task, int batchSize) {
    String testKey = "features/" + name() + "/test@" + System.identityHashCode(task.test());
    if (this == BAG_OF_WORDS) {
      BagOfWords words = BagOfWords.fit(task.labeled());
      return new FeatureMatrix[] {words.features(task.labeled()), words.features(task.test())};
    }
    if (this == RAW_INPUT) {
      FeatureMatrix train = Preprocessed.rawRows(context, task.labeled(), batchSize);
      FeatureMatrix test = context.shared(testKey, () -> Preprocessed.rawRows(context, task.test(), batchSize));
      return new FeatureMatrix[] {train, test};
    }
    try (NDManager manager = context.engine().newManager()) {
      Block encoder = encoder(context, manager);
      encoder.freezeParameters(true);
      FeatureExtractor extractor = new FeatureExtractor(context, batchSize);
      FeatureMatrix train = extractor.extract(encoder, manager, task.labeled());
      FeatureMatrix test = context.shared(testKey, () -> extractor.extract(encoder, manager, task.test()));
      return new FeatureMatrix[] {train, test};
    }
  }

  /** Features of any dataset with this source's encoder (for tests and tools). */
  FeatureMatrix features(TransferContext context, Dataset<?> data, int batchSize) {
    if (this == BAG_OF_WORDS) {
      return BagOfWords.fit(data).features(data);
    }
    if (this == RAW_INPUT) {
      return Preprocessed.rawRows(context, data, batchSize);
    }
    try (NDManager manager = context.engine().newManager()) {
      Block encoder = encoder(context, manager);
      encoder.freezeParameters(true);
      return new FeatureExtractor(context, batchSize).extract(encoder, manager, data);
    }
  }

  private Block encoder(TransferContext context, NDManager manager) {
    return this == PRETRAINED ? context.pretrainedEncoder(manager) : context.randomEncoder(manager, RANDOM_INIT_PURPOSE);
  }
}
