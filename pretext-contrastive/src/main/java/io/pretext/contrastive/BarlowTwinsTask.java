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
 * Barlow Twins (Zbontar, Jing, Misra, LeCun, Deny 2021, "Barlow Twins: Self-Supervised Learning
 * via Redundancy Reduction"): two augmented views of each image go through one encoder and
 * projector; the cross-correlation matrix of the two views' batch-normalised embeddings is pushed
 * towards the identity ({@link BarlowTwinsLoss}): matching features agree, different features are
 * decorrelated. No negatives, no predictor, no stop-gradient.
 *
 * <p>Batch: {@link TwoViewBatch}, inputs (2N, C, H, W). Model: {@link TwoViewModel}, each view on
 * its own; projector the run's {@code head} plugin or {@link #defaultProjector()}. Output (z),
 * (2N, d). Training metric: {@link EmbeddingStd} of z.
 */
public final class BarlowTwinsTask implements PretextTask {
  /** The default projector's hidden and output size (the paper: 8192). */
  public static final long DEFAULT_PROJECTOR_SIZE = 256;

  private final double lambda;

  /**
   * @param lambda the redundancy-reduction weight (see {@link BarlowTwinsLoss} on its scale)
   * @throws IllegalArgumentException when lambda is not a finite number >= 0
   */
  public BarlowTwinsTask(double lambda) {
    this.lambda = new BarlowTwinsLoss(lambda).lambda();
  }

  public double lambda() {
    return lambda;
  }

  /**
   * The paper's three-layer projector (§3: "the first two layers ... followed by a batch
   * normalization layer and rectified linear units"), 256 wide instead of 8192 for this project's
   * small encoders and 2-core CPUs (512 made small test steps clearly slower): Linear(F, 256) →
   * BatchNorm → ReLU → Linear(256, 256) → BatchNorm → ReLU → Linear(256, 256).
   */
  public static ProjectionHead defaultProjector() {
    return new ProjectionHead(Optional.of(List.of(DEFAULT_PROJECTOR_SIZE, DEFAULT_PROJECTOR_SIZE)),
        DEFAULT_PROJECTOR_SIZE, true);
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    Block projector = head.orElseGet(BarlowTwinsTask::defaultProjector).build(featureSize, 0);
    return new TwoViewModel(encoder, projector, Optional.empty());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return TwoViewBatch.prepare("Barlow Twins", samples, augment, random);
  }

  @Override
  public Loss loss() {
    return new BarlowTwinsLoss(lambda);
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new EmbeddingStd());
  }
}
