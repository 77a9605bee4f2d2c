package io.pretext.context;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.loss.ClassificationLoss;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Context prediction (Doersch, Gupta, Efros 2015, "Unsupervised Visual Representation Learning by
 * Context Prediction"): given a centre patch and one of its 8 neighbours, predict where the
 * neighbour sits. Solving it needs some understanding of objects and their parts.
 *
 * <p>Batch: each image goes through the run's augment pipeline, then {@link PatchPairSampler} cuts
 * one pair from it. Inputs (2N, C, P, P), rows {@code i} and {@code i + N} the centre and the
 * neighbour of sample {@code i}; labels (N) the neighbour's position 0..7 ({@link PatchGrid}).
 * Model: {@link SharedEncoderModel} over 2 views, the encoder shared by both patches, then the pair
 * head, by default Linear(2F, hidden) → ReLU → Linear(hidden, 8). Loss: {@link ClassificationLoss}, softmax
 * cross-entropy over the 8 positions. Training metric: {@value #ACCURACY}, chance 1/8.
 */
public final class ContextPredictionTask implements PretextTask {
  /** The name of the training metric. */
  public static final String ACCURACY = "pretext_accuracy";

  private final PatchPairSampler sampler;
  private final long hidden;

  /**
   * @param sampler how pairs are cut
   * @param hidden the width of the default pair head's hidden layer, >= 1
   */
  public ContextPredictionTask(PatchPairSampler sampler, long hidden) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
    }
    this.sampler = sampler;
    this.hidden = hidden;
  }

  public PatchPairSampler sampler() {
    return sampler;
  }

  public long hidden() {
    return hidden;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  /** (C, patch, patch); checks first that the grid fits the (augmented, upscaled) sample. */
  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    sampler.checkFits(sampleShape.get(1), sampleShape.get(2));
    int p = sampler.grid().patch();
    return new Shape(sampleShape.get(0), p, p);
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    return new SharedEncoderModel(encoder, "pairHead", ClassifierHeads.of(head, 2 * featureSize, PatchGrid.NEIGHBOURS,
        hidden), 2);
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    int n = samples.size();
    if (n == 0) {
      throw new IllegalArgumentException("context prediction needs at least one sample per batch");
    }
    int[] labels = new int[n];
    float[] values = null;
    int channels = 0;
    for (int i = 0; i < n; i++) {
      PatchPair pair = sampler.sample(augment.apply((Image) samples.get(i), random), random);
      if (values == null) {
        channels = pair.centre().channels();
        values = new float[2 * n * pair.centre().pixels().length];
      } else if (pair.centre().channels() != channels) {
        throw new PretextUserException("context prediction stacks the patches of a batch into one tensor, but sample "
            + i + " of the batch has " + pair.centre().channels() + " channels after augmentation while sample 0 has "
            + channels + "; give all images one channel count");
      }
      int size = pair.centre().pixels().length;
      System.arraycopy(pair.centre().pixels(), 0, values, i * size, size);
      System.arraycopy(pair.neighbour().pixels(), 0, values, (n + i) * size, size);
      labels[i] = pair.label();
    }
    int p = sampler.grid().patch();
    return new TrainingBatch(List.of(HostTensor.ofFloats(values, 2L * n, channels, p, p)),
        List.of(HostTensor.ofInts(labels, n)), n);
  }

  @Override
  public Loss loss() {
    return new ClassificationLoss("PositionLoss");
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new Accuracy(ACCURACY, 1));
  }
}
