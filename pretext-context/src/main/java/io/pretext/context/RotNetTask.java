package io.pretext.context;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigException;
import io.pretext.api.data.Image;
import io.pretext.api.data.ImageRotation;
import io.pretext.api.loss.ClassificationLoss;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Rotation prediction, RotNet (Gidaris, Singh, Komodakis 2018, "Unsupervised Representation
 * Learning by Predicting Image Rotations"): the network sees an image turned by one of R angles
 * and predicts which; to recognise "upright", it must recognise objects and their orientation.
 *
 * <p>Batch: each of the N images goes through the run's augment pipeline once, then appears
 * turned by every allowed angle, as in the paper (§3: all four rotations of an image in the same
 * batch). Inputs (N·R, C, S, S), row {@code i·R + j} image {@code i} turned by {@code rotations[j]}
 * ({@link ImageRotation}, counter-clockwise); labels (N·R), row {@code i·R + j} holding {@code j}.
 * Model: encoder → head (the run's {@code head} plugin, else Linear(F, hidden) → ReLU →
 * Linear(hidden, R), or Linear(F, R) when hidden is 0). Loss: {@link ClassificationLoss}. Training
 * metric: {@value #ACCURACY}, chance 1/R.
 *
 * <p>Non-square images are refused, not cropped, when an angle of 90 or 270 is allowed: the
 * turned image would have another shape than the encoder's input. Crop or resize them to a square
 * in the augment pipeline.
 */
public final class RotNetTask implements PretextTask {
  /** The name of the training metric. */
  public static final String ACCURACY = "pretext_accuracy";

  private final int[] degrees;
  private final long hidden;

  /**
   * @param degrees the angles shown, distinct multiples of 90 in [0, 360), at least 2; class j is degrees[j]
   * @param hidden the default head's hidden width; 0 for a linear head
   */
  public RotNetTask(List<Integer> degrees, long hidden) {
    this.degrees = degrees.stream().mapToInt(Integer::intValue).toArray();
    if (this.degrees.length < 2 || Arrays.stream(this.degrees).distinct().count() != this.degrees.length) {
      throw ConfigException.at("pretext.rotations", "rotations must list at least 2 distinct angles, got " + degrees
          + "; the paper uses [0, 90, 180, 270]");
    }
    for (int d : this.degrees) {
      if (d < 0 || d >= 360 || d % 90 != 0) {
        throw ConfigException.at("pretext.rotations", "rotation " + d + " is not one of 0, 90, 180, 270 (degrees,"
            + " counter-clockwise); list multiples of 90 only, e.g. [0, 90, 180, 270]");
      }
    }
    if (hidden < 0) {
      throw new IllegalArgumentException("hidden must be >= 0 (0: linear head), got " + hidden);
    }
    this.hidden = hidden;
  }

  /** The angles in class order. */
  public List<Integer> rotations() {
    return Arrays.stream(degrees).boxed().toList();
  }

  public long hidden() {
    return hidden;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  /** The sample shape itself; checks first that it is square when a quarter turn is allowed. */
  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    checkSquare(sampleShape.get(1), sampleShape.get(2), "the (augmented) training images are");
    return sampleShape;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    return new SequentialBlock().add(encoder).add(ClassifierHeads.of(head, featureSize, degrees.length, hidden));
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    int n = samples.size();
    if (n == 0) {
      throw new IllegalArgumentException("rotnet needs at least one sample per batch");
    }
    int r = degrees.length;
    int[] labels = new int[n * r];
    float[] values = null;
    Image first = null;
    for (int i = 0; i < n; i++) {
      Image image = augment.apply((Image) samples.get(i), random);
      if (first == null) {
        checkSquare(image.height(), image.width(), "sample 0 of the batch is, after augmentation,");
        first = image;
        values = new float[n * r * image.pixels().length];
      } else if (image.channels() != first.channels() || image.height() != first.height()
          || image.width() != first.width()) {
        throw new PretextUserException("rotnet stacks the images of a batch into one tensor, but sample " + i + " is "
            + image + " after augmentation while sample 0 is " + first + "; give all images one size (e.g. a resize"
            + " augmenter)");
      }
      int size = image.pixels().length;
      for (int j = 0; j < r; j++) {
        Image turned = ImageRotation.rotate(image, ImageRotation.quarterTurns(degrees[j]));
        System.arraycopy(turned.pixels(), 0, values, (i * r + j) * size, size);
        labels[i * r + j] = j;
      }
    }
    return new TrainingBatch(List.of(HostTensor.ofFloats(values, (long) n * r, first.channels(), first.height(),
        first.width())), List.of(HostTensor.ofInts(labels, (long) n * r)), n);
  }

  private void checkSquare(long height, long width, String what) {
    boolean quarterTurn = Arrays.stream(degrees).anyMatch(d -> d % 180 != 0);
    if (quarterTurn && height != width) {
      throw ConfigException.at("pretext.rotations", "rotnet turns images by 90 or 270 degrees, which needs square"
          + " images, but " + what + " " + height + "x" + width + "; add a square crop or resize to the augment"
          + " pipeline (e.g. {name: resize, height: " + Math.min(height, width) + ", width: "
          + Math.min(height, width) + "}) or allow only rotations [0, 180]");
    }
  }

  @Override
  public Loss loss() {
    return new ClassificationLoss("RotationLoss");
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new Accuracy(ACCURACY, 1));
  }
}
