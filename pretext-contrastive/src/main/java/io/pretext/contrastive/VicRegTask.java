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
 * VICReg (Bardes, Ponce, LeCun 2022, "VICReg: Variance-Invariance-Covariance Regularization for
 * Self-Supervised Learning"): two augmented views of each image go through one encoder and
 * expander; the loss ({@link VicRegLoss}) pulls the two views' embeddings together (invariance),
 * keeps every feature's standard deviation over the batch above a margin (variance) and
 * decorrelates the features (covariance). No negatives, no predictor, no stop-gradient, no
 * normalisation of the embeddings.
 *
 * <p>Batch: {@link TwoViewBatch}, inputs (2N, C, H, W). Model: {@link TwoViewModel}, each view on
 * its own; expander the run's {@code head} plugin or {@link #defaultExpander()}. Output (z), (2N,
 * d). Training metric: {@link EmbeddingStd} of z.
 */
public final class VicRegTask implements PretextTask {
  /** The default expander's hidden and output size (the paper: 8192). */
  public static final long DEFAULT_EXPANDER_SIZE = 256;

  private final VicRegLoss settings; // loss() hands out a fresh copy of it

  /** The loss's coefficients, as {@link VicRegLoss#VicRegLoss}, which validates them. */
  public VicRegTask(double invarianceWeight, double varianceWeight, double covarianceWeight, double gamma,
      double epsilon) {
    this.settings = new VicRegLoss(invarianceWeight, varianceWeight, covarianceWeight, gamma, epsilon);
  }

  /**
   * The paper's three-layer expander (§4.2: "the first two layers ... followed by a batch
   * normalization layer and rectified linear units"), 256 wide instead of 8192 for this project's
   * small encoders and 2-core CPUs (512 made small test steps clearly slower): Linear(F, 256) →
   * BatchNorm → ReLU → Linear(256, 256) → BatchNorm → ReLU → Linear(256, 256).
   */
  public static ProjectionHead defaultExpander() {
    return new ProjectionHead(Optional.of(List.of(DEFAULT_EXPANDER_SIZE, DEFAULT_EXPANDER_SIZE)),
        DEFAULT_EXPANDER_SIZE, true);
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    Block expander = head.orElseGet(VicRegTask::defaultExpander).build(featureSize, 0);
    return new TwoViewModel(encoder, expander, Optional.empty());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return TwoViewBatch.prepare("VICReg", samples, augment, random);
  }

  @Override
  public Loss loss() {
    return new VicRegLoss(settings.invarianceWeight(), settings.varianceWeight(), settings.covarianceWeight(),
        settings.gamma(), settings.epsilon());
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new EmbeddingStd());
  }
}
