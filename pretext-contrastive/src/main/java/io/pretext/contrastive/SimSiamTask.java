package io.pretext.contrastive;

import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * SimSiam (Chen and He 2021, "Exploring Simple Siamese Representation Learning"): two augmented
 * views of each image go through one encoder f and projector g (z = g(f(x))) and a predictor h (p
 * = h(z)); each view's prediction is pulled towards the other view's projection, which is held
 * fixed by a stop-gradient ({@link SimSiamLoss}). No negatives, no momentum encoder, no large
 * batch: the stop-gradient alone prevents collapse (§4.1).
 *
 * <p>Batch: {@link TwoViewBatch}, inputs (2N, C, H, W). Model: {@link TwoViewModel}, each view on
 * its own; projector the run's {@code head} plugin or {@link #defaultProjector()}; predictor a
 * bottleneck MLP Linear(d, hidden) → BatchNorm → ReLU → Linear(hidden, d) (§3: "h's hidden layer
 * is 1/4 of its output"). Output (z, p), each (2N, d). Training metric: {@link EmbeddingStd} of z.
 */
public final class SimSiamTask implements PretextTask {
  /** The default predictor hidden sizes: a 64 bottleneck, 1/4 of the default projector's 256. */
  public static final List<Long> DEFAULT_PREDICTOR_HIDDEN = List.of(64L);
  /** The default projector's hidden and output size. */
  public static final long DEFAULT_PROJECTOR_SIZE = 256;

  private final List<Long> predictorHidden;

  /**
   * @param predictorHidden the predictor's hidden layer sizes (the paper: one, the bottleneck); may
   *     be empty for a linear predictor
   * @throws IllegalArgumentException when a size is below 1
   */
  public SimSiamTask(List<Long> predictorHidden) {
    if (predictorHidden.stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("SimSiam's predictor hidden sizes must be >= 1, got " + predictorHidden);
    }
    this.predictorHidden = List.copyOf(predictorHidden);
  }

  public List<Long> predictorHidden() {
    return predictorHidden;
  }

  /**
   * The paper's projector, scaled to the small encoders of this project (CIFAR variant, §3: two
   * layers): Linear(F, 256) → BatchNorm → ReLU → Linear(256, 256) → BatchNorm (no affine).
   */
  public static ProjectionHead defaultProjector() {
    return new ProjectionHead(Optional.of(List.of(DEFAULT_PROJECTOR_SIZE)), DEFAULT_PROJECTOR_SIZE, true, true);
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    Block projector = head.orElseGet(SimSiamTask::defaultProjector).build(featureSize, 0);
    long d = TwoViewModel.embeddingSize(projector, featureSize);
    Block predictor = new ProjectionHead(Optional.of(predictorHidden), d, true).build(d, d);
    return new TwoViewModel(encoder, projector, Optional.of(predictor));
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return TwoViewBatch.prepare("SimSiam", samples, augment, random);
  }

  @Override
  public Loss loss() {
    return new SimSiamLoss();
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new EmbeddingStd());
  }
}
