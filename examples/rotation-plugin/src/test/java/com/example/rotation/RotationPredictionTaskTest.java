package com.example.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.TrainingBatch;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RotationPredictionTaskTest {

  /** A 3x3 image holding 0..8 row by row. */
  private static Image counting() {
    float[] px = new float[9];
    for (int i = 0; i < px.length; i++) {
      px[i] = i;
    }
    return new Image(1, 3, 3, px);
  }

  @Test
  void aQuarterTurnIsCounterClockwiseAndFourComeBack() {
    Image image = counting();
    // 0 1 2        2 5 8
    // 3 4 5   ->   1 4 7
    // 6 7 8        0 3 6
    assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, Rotations.rotate(image, 1).pixels());
    assertArrayEquals(new float[] {8, 7, 6, 5, 4, 3, 2, 1, 0}, Rotations.rotate(image, 2).pixels());
    assertEquals(image, Rotations.rotate(image, 4));
    assertEquals(image, counting(), "rotate changed its argument");
  }

  @Test
  void rowFourIPlusKIsSampleITurnedKTimes() {
    List<Image> samples = List.of(counting(), Rotations.rotate(counting(), 1));
    TrainingBatch batch = new RotationPredictionTask(8, true)
        .prepareBatch(samples, AugmentPipeline.identity(), new SplittableRandom(0));
    assertEquals(2, batch.samples());
    assertEquals(new Shape(8, 1, 3, 3), batch.inputs().get(0).shape());
    assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, batch.labels().get(0).ints());
    float[] x = batch.inputs().get(0).floats();
    for (int row = 0; row < 8; row++) {
      float[] expected = Rotations.rotate(samples.get(row / 4), row % 4).pixels();
      assertArrayEquals(expected, Arrays.copyOfRange(x, row * 9, row * 9 + 9), "row " + row);
    }
  }

  @Test
  void oneRandomRotationPerSampleIsLabeledWithItsTurns() {
    List<Image> samples = List.of(counting(), counting(), counting(), counting(), counting(), counting());
    TrainingBatch batch = new RotationPredictionTask(0, false)
        .prepareBatch(samples, AugmentPipeline.identity(), new SplittableRandom(5));
    assertEquals(new Shape(6, 1, 3, 3), batch.inputs().get(0).shape());
    int[] labels = batch.labels().get(0).ints();
    float[] x = batch.inputs().get(0).floats();
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(Rotations.rotate(counting(), labels[i]).pixels(), Arrays.copyOfRange(x, i * 9, i * 9 + 9));
    }
    assertTrue(Arrays.stream(labels).distinct().count() > 1, Arrays.toString(labels));
  }

  @Test
  void nonSquareSamplesAreRefusedBeforeTraining() {
    PretextUserException e = assertThrows(PretextUserException.class,
        () -> new RotationPredictionTask(8, true).encoderInputShape(new Shape(1, 12, 16)));
    assertTrue(e.getMessage().contains("(1, 12, 16)"), e.getMessage());
    assertTrue(e.getMessage().contains("random-resized-crop"), e.getMessage());
    assertEquals(new Shape(3, 8, 8), new RotationPredictionTask(8, true).encoderInputShape(new Shape(3, 8, 8)));
  }
}
