package io.pretext.contrastive;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
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
 * SimCLR (Chen, Kornblith, Norouzi, Hinton 2020, "A Simple Framework for Contrastive Learning of
 * Visual Representations"): each image of a batch is augmented twice; encoder f and projection
 * head g map both views to embeddings z; NT-Xent ({@link NtXentLoss}) pulls the two views of an
 * image together and pushes them away from the other 2N − 2 views of the batch.
 *
 * <p>Batch (see {@link TwoViewBatch}): inputs (2N, C, H, W), rows {@code i} and {@code i + N} the
 * two views of sample {@code i}; labels (2N) the index of each view's positive. Model: encoder →
 * head, the run's {@code head} plugin or {@link ProjectionHead#simclrDefault()}; output (2N, d).
 * Training metric: {@link ContrastiveAccuracy}.
 */
public final class SimClrTask implements PretextTask {
  private final double temperature;

  /**
   * @param temperature NT-Xent's tau
   * @throws IllegalArgumentException when the temperature is not a finite number > 0
   */
  public SimClrTask(double temperature) {
    this.temperature = new NtXentLoss(temperature).temperature();
  }

  public double temperature() {
    return temperature;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    Head projection = head.orElseGet(ProjectionHead::simclrDefault);
    return new SequentialBlock().add(encoder).add(projection.build(featureSize, 0));
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return TwoViewBatch.prepare("SimCLR", samples, augment, random);
  }

  @Override
  public Loss loss() {
    return new NtXentLoss(temperature);
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new ContrastiveAccuracy());
  }
}
