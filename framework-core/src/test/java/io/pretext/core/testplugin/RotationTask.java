package io.pretext.core.testplugin;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Rotation prediction (Gidaris, Singh, Komodakis 2018): each image is shown at 0, 90, 180 and 270
 * degrees and the model predicts which rotation it sees. Square images only.
 */
public final class RotationTask implements PretextTask {
  /** The four rotations. */
  public static final int ROTATIONS = 4;

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, java.util.Optional<io.pretext.api.spi.Head> head) {
    return new SequentialBlock().add(encoder).add(Linear.builder().setUnits(ROTATIONS).build());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    List<Image> views = new java.util.ArrayList<>();
    for (Object s : samples) {
      views.add(augment.apply((Image) s, random)); // samples may differ in size until the pipeline fits them
    }
    Image first = views.get(0);
    int c = first.channels();
    int n = first.height();
    int size = c * n * n;
    float[] inputs = new float[samples.size() * ROTATIONS * size];
    int[] labels = new int[samples.size() * ROTATIONS];
    int row = 0;
    for (Image view : views) {
      Image image = view;
      if (image.height() != n || image.width() != n || image.channels() != c) {
        throw new IllegalArgumentException("rotation needs square images of one size, got " + image);
      }
      for (int k = 0; k < ROTATIONS; k++) {
        System.arraycopy(image.pixels(), 0, inputs, row * size, size);
        labels[row++] = k;
        image = rotate90(image);
      }
    }
    return new TrainingBatch(List.of(HostTensor.ofFloats(inputs, labels.length, c, n, n)),
        List.of(HostTensor.ofInts(labels, labels.length)), samples.size());
  }

  /** Rotates a square image by 90 degrees counter-clockwise. */
  static Image rotate90(Image in) {
    int n = in.height();
    Image out = new Image(in.channels(), n, n, new float[in.pixels().length]);
    for (int c = 0; c < in.channels(); c++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          out.set(c, y, x, in.get(c, x, n - 1 - y));
        }
      }
    }
    return out;
  }

  @Override
  public Loss loss() {
    return Loss.softmaxCrossEntropyLoss();
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new Accuracy());
  }

  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    return sampleShape;
  }
}
