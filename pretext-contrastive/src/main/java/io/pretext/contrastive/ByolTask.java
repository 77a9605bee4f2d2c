package io.pretext.contrastive;

import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.TrainingHook;
import io.pretext.api.train.MomentumUpdate;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * BYOL (Grill et al. 2020, "Bootstrap Your Own Latent: A New Approach to Self-Supervised
 * Learning"): an online network (encoder f, projector g, predictor q) predicts, from one view,
 * the projection that a target network (f', g') gives of the other view; the target is an
 * exponential moving average of the online encoder and projector, {@code ξ ← τξ + (1 − τ)θ}
 * (§3.1), with τ going from {@code τ_base} to 1 on a cosine over the run (§3.2: {@code τ = 1 −
 * (1 − τ_base)(cos(πk/K) + 1)/2}). The loss is {@link ByolLoss}: {@code 2 − 2 cos(q, sg(z'))} for
 * each view, summed over the two (eq. 2 and 5). No negatives: the predictor and the slow target
 * keep the embeddings from collapsing.
 *
 * <p>Batch: {@link TwoViewBatch}, (2N, C, H, W). Model: {@link MomentumTwoViewModel} with a
 * predictor; projector the run's {@code head} or {@link #defaultProjector()}, predictor
 * Linear(d, hidden) → BatchNorm → ReLU → Linear(hidden, d) as in §3.3; output (q, z'), each (2N, d).
 * The target's parameters are not trained but are checkpointed with the rest, so a resumed run
 * continues its EMA. Hook: the EMA ({@link MomentumUpdate#cosine}). Metric: {@link EmbeddingStd} of q.
 */
public final class ByolTask implements PretextTask {
  /** The paper's base momentum τ_base. */
  public static final double DEFAULT_MOMENTUM = 0.996;
  /** The default predictor hidden size (the paper's 4096 over 256, scaled to the default projector). */
  public static final List<Long> DEFAULT_PREDICTOR_HIDDEN = List.of(256L);
  /** The default projector's hidden size. */
  public static final long DEFAULT_PROJECTOR_HIDDEN = 256;
  /** The default projection size d. */
  public static final long DEFAULT_PROJECTION_SIZE = 128;

  private final double momentum;
  private final List<Long> predictorHidden;

  /**
   * @param momentum τ_base, in [0, 1]
   * @param predictorHidden the predictor's hidden layer sizes (the paper: one); empty for a linear predictor
   * @throws IllegalArgumentException when the momentum is outside [0, 1] or a size is below 1
   */
  public ByolTask(double momentum, List<Long> predictorHidden) {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BYOL's momentum must be in [0, 1], got " + momentum);
    }
    if (predictorHidden.stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("BYOL's predictor hidden sizes must be >= 1, got " + predictorHidden);
    }
    this.momentum = momentum;
    this.predictorHidden = List.copyOf(predictorHidden);
  }

  public double momentum() {
    return momentum;
  }

  public List<Long> predictorHidden() {
    return predictorHidden;
  }

  /**
   * The paper's projector (§3.3: Linear(4096) → BatchNorm → ReLU → Linear(256)) scaled to this
   * project's small encoders: Linear(F, 256) → BatchNorm → ReLU → Linear(256, 128).
   */
  public static ProjectionHead defaultProjector() {
    return new ProjectionHead(Optional.of(List.of(DEFAULT_PROJECTOR_HIDDEN)), DEFAULT_PROJECTION_SIZE, true);
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(ModelContext context) {
    return MomentumTwoViewModel.build(context, context.head().orElseGet(ByolTask::defaultProjector),
        d -> Optional.of(new ProjectionHead(Optional.of(predictorHidden), d, true).build(d, d)),
        MomentumUpdate.cosine(momentum));
  }

  @Override
  public List<TrainingHook> hooks(Block model) {
    return List.of(((MomentumTwoViewModel) model).ema());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return TwoViewBatch.prepare("BYOL", samples, augment, random);
  }

  @Override
  public Loss loss() {
    return new ByolLoss();
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new EmbeddingStd());
  }
}
