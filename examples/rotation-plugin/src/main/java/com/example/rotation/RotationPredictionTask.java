package com.example.rotation;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Rotation prediction (Gidaris, Singh, Komodakis 2018, "Unsupervised Representation Learning by
 * Predicting Image Rotations"): an image is turned by 0, 90, 180 or 270 degrees and the network
 * says which. To tell, it has to know which way up the things in the image stand.
 *
 * <p>Batch: each sample goes once through the run's augment pipeline, then is shown at all four
 * rotations (the paper's choice; inputs (4N, C, S, S), row {@code 4i + k} sample {@code i} turned
 * {@code k} quarter turns counter-clockwise) or at one rotation drawn from the batch's generator
 * (inputs (N, C, S, S)). Labels: the quarter turns 0..3. Model: encoder, then the run's head or a
 * default Linear(F, hidden) → ReLU → Linear(hidden, 4). Loss: softmax cross-entropy. Training
 * metric: {@value #ACCURACY}, chance 1/4. Square images only.
 */
public final class RotationPredictionTask implements PretextTask {
  /** The name of the training metric. */
  public static final String ACCURACY = "rotation_accuracy";

  private final int hidden;
  private final boolean allRotations;

  /**
   * @param hidden the hidden width of the default head, 0 for a single linear layer
   * @param allRotations every sample at all four rotations, or at one random rotation
   */
  public RotationPredictionTask(int hidden, boolean allRotations) {
    if (hidden < 0) {
      throw new IllegalArgumentException("hidden must be >= 0, got " + hidden);
    }
    this.hidden = hidden;
    this.allRotations = allRotations;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  /** The sample shape itself; a non-square sample is refused here, before any training. */
  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    if (sampleShape.dimension() != 3 || sampleShape.get(1) != sampleShape.get(2)) {
      throw new PretextUserException("example-rotation turns images by quarter turns and needs square images, but the"
          + " samples are " + sampleShape + " after augmentation. Add a resize or random-resized-crop step with one"
          + " size to the run's augment list.");
    }
    return sampleShape;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    Block classifier = head.map(h -> h.build(featureSize, Rotations.COUNT)).orElseGet(this::defaultHead);
    return new SequentialBlock().add(encoder).add(classifier);
  }

  private Block defaultHead() {
    if (hidden == 0) {
      return Layers.linear(Rotations.COUNT, true);
    }
    return new SequentialBlock().add(Layers.linear(hidden, true)).add(Layers.relu()).add(Layers.linear(Rotations.COUNT, true));
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("example-rotation needs at least one sample per batch");
    }
    int views = allRotations ? Rotations.COUNT : 1;
    int rows = samples.size() * views;
    float[] inputs = null;
    int[] labels = new int[rows];
    Image first = null;
    for (int i = 0; i < samples.size(); i++) {
      Image image = augment.apply((Image) samples.get(i), random);
      if (first == null) {
        first = image;
        inputs = new float[rows * image.pixels().length];
      } else if (image.channels() != first.channels() || image.height() != first.height()
          || image.width() != first.width()) {
        throw new PretextUserException("example-rotation stacks a batch into one tensor, but sample " + i
            + " of the batch is " + image + " after augmentation while sample 0 is " + first
            + ". Give the augment list a resize or crop step with one size.");
      }
      for (int v = 0; v < views; v++) {
        int turns = allRotations ? v : random.nextInt(Rotations.COUNT);
        int row = i * views + v;
        float[] turned = Rotations.rotate(image, turns).pixels();
        System.arraycopy(turned, 0, inputs, row * turned.length, turned.length);
        labels[row] = turns;
      }
    }
    return new TrainingBatch(List.of(HostTensor.ofFloats(inputs, rows, first.channels(), first.height(), first.width())),
        List.of(HostTensor.ofInts(labels, rows)), samples.size());
  }

  @Override
  public Loss loss() {
    return Loss.softmaxCrossEntropyLoss();
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new Accuracy(ACCURACY, 1));
  }
}
