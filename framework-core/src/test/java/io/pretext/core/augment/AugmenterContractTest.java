package io.pretext.core.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.pretext.api.data.Image;
import io.pretext.api.data.ImageSize;
import io.pretext.api.spi.Augmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeding and thread-safety, for every augmenter. */
class AugmenterContractTest {

  static Stream<Arguments> augmenters() {
    return Stream.of(
        Arguments.of("random-resized-crop", new RandomResizedCrop(0, 0, 0.08, 1, 0.75, 4.0 / 3), true, 1),
        Arguments.of("random-resized-crop to 32", new RandomResizedCrop(32, 32, 0.2, 1, 0.75, 4.0 / 3), true, 3),
        Arguments.of("color-jitter gray", new ColorJitter(0.4, 0.4, 0, 0), true, 1),
        Arguments.of("color-jitter rgb", new ColorJitter(0.4, 0.4, 0.4, 0.1), true, 3),
        Arguments.of("gaussian-blur", new GaussianBlur(5, 0.1, 2.0), true, 3),
        Arguments.of("horizontal-flip", new HorizontalFlip(), false, 3),
        Arguments.of("random-grayscale", new Grayscale(), false, 3),
        Arguments.of("solarize", new Solarize(0.5), false, 1),
        Arguments.of("normalize", new Normalize(new double[] {0.286}, new double[] {0.353}), false, 1),
        Arguments.of("resize", Resize.to(40, 36), false, 1),
        Arguments.of("resize shorter side", Resize.shorterSide(20), false, 1));
  }

  private static Image run(Augmenter<Image> a, int channels, long imageSeed, long seed) {
    return a.apply(TestImages.random(channels, 28, 28, imageSeed), new SplittableRandom(seed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("augmenters")
  void theDeclaredOutputSizeIsTheSizeItGives(String name, Augmenter<Image> a, boolean random, int channels) {
    for (int[] in : new int[][] {{28, 28}, {30, 45}, {45, 30}}) {
      Image out = a.apply(TestImages.random(channels, in[0], in[1], 3), new SplittableRandom(5));
      assertEquals(Optional.of(new ImageSize(out.height(), out.width())),
          a.outputSize(Optional.of(new ImageSize(in[0], in[1]))), name + " from " + in[0] + "x" + in[1]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("augmenters")
  void sameSeedSameOutputAndOtherSeedsDifferWhereRandom(String name, Augmenter<Image> a, boolean random, int channels) {
    assertEquals(run(a, channels, 7, 1), run(a, channels, 7, 1));
    Image first = run(a, channels, 7, 1);
    int differing = 0;
    for (long seed = 2; seed < 12; seed++) {
      if (!run(a, channels, 7, seed).equals(first)) {
        differing++;
      }
    }
    if (random) {
      assertEquals(10, differing, name + ": every other seed should give another view");
    } else {
      assertEquals(0, differing, name + " is deterministic: the seed must not matter");
      assertNotEquals(TestImages.random(channels, 28, 28, 7), first, name + " changed nothing");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("augmenters")
  void manyThreadsGiveTheSameViewsAsOne(String name, Augmenter<Image> a, boolean random, int channels) throws Exception {
    int n = 400;
    List<Image> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(run(a, channels, i, 1000 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Image>> got = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        got.add(pool.submit(() -> run(a, channels, k, 1000 + k)));
      }
      for (int i = 0; i < n; i++) {
        assertEquals(expected.get(i), got.get(i).get(), name + " view " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
