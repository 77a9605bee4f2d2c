package io.pretext.core.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Flip, grayscale, blur, solarize, normalize and resize. */
class PixelAugmentersTest {
  private final SplittableRandom random = new SplittableRandom(0);

  @ParameterizedTest(name = "{0}x{1}x{2}")
  @CsvSource({"1, 28, 28", "3, 5, 7", "2, 1, 1", "1, 4, 6"})
  void flipTwiceIsTheIdentityAndOnceMirrors(int c, int h, int w) {
    Image in = TestImages.random(c, h, w, 1);
    HorizontalFlip flip = new HorizontalFlip();
    Image once = flip.apply(in.copy(), random);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        assertEquals(in.get(c - 1, y, x), once.get(c - 1, y, w - 1 - x));
      }
    }
    assertEquals(in, flip.apply(once, random));
  }

  @Test
  void grayscaleGivesEqualChannelsWithLumaWeights() {
    Image in = TestImages.random(3, 6, 5, 2);
    Image expected = in.copy();
    Image out = new Grayscale().apply(in, random);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 5; x++) {
        float g = 0.2989f * expected.get(0, y, x) + 0.587f * expected.get(1, y, x) + 0.114f * expected.get(2, y, x);
        for (int c = 0; c < 3; c++) {
          assertEquals(g, out.get(c, y, x), 1e-6f);
        }
      }
    }
  }

  @Test
  void grayscaleLeavesOneChannelImagesAlone() {
    Image in = TestImages.random(1, 6, 5, 2);
    assertEquals(in.copy(), new Grayscale().apply(in, random));
  }

  @ParameterizedTest(name = "kernel {0}")
  @ValueSource(ints = {3, 5, 9, 23, 61})
  void blurKeepsAConstantImage(int k) {
    Image out = new GaussianBlur(k, 0.1, 5.0).apply(TestImages.constant(3, 28, 20, 0.37f), random);
    assertArrayEquals(TestImages.constant(3, 28, 20, 0.37f).pixels(), out.pixels(), 1e-5f);
  }

  @ParameterizedTest(name = "kernel {0}")
  @ValueSource(ints = {3, 5, 9})
  void blurKeepsTheMassAndSpreadsIt(int k) {
    Image in = TestImages.constant(1, 28, 28, 0f);
    for (int y = 10; y < 18; y++) {
      for (int x = 11; x < 16; x++) {
        in.set(0, y, x, (x + y) / 40f);
      }
    }
    double mass = TestImages.mean(in.pixels());
    float peak = in.get(0, 17, 15);
    Image out = new GaussianBlur(k, 1.0, 2.0).apply(in, random);
    assertEquals(mass, TestImages.mean(out.pixels()), 1e-6);
    assertTrue(out.get(0, 17, 15) < peak, "blur should lower the peak");
    assertTrue(out.get(0, 9, 13) > 0, "blur should spread mass");
  }

  @Test
  void blurOfAnImpulseIsTheSeparableGaussian() {
    Image in = TestImages.constant(1, 9, 9, 0f);
    in.set(0, 4, 4, 1f);
    Image out = new GaussianBlur(3, 1.0, 1.0).apply(in, random);
    double e = Math.exp(-0.5);
    double k0 = 1 / (1 + 2 * e);
    double k1 = e / (1 + 2 * e);
    assertEquals(k0 * k0, out.get(0, 4, 4), 1e-6);
    assertEquals(k0 * k1, out.get(0, 4, 5), 1e-6);
    assertEquals(k1 * k1, out.get(0, 3, 5), 1e-6);
    assertEquals(0, out.get(0, 2, 4), 1e-9);
  }

  @Test
  void reflectPaddingMirrorsWithoutRepeatingTheEdge() {
    assertEquals(1, GaussianBlur.reflect(-1, 5));
    assertEquals(3, GaussianBlur.reflect(5, 5));
    assertEquals(0, GaussianBlur.reflect(8, 5));
    assertEquals(0, GaussianBlur.reflect(-3, 1));
  }

  @Test
  void evenBlurKernelIsRejected() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianBlur(4, 0.1, 2)).getMessage().contains("kernel-size"));
  }

  @Test
  void solarizeInvertsValuesAtOrAboveTheThreshold() {
    Image in = new Image(1, 1, 5, new float[] {0f, 0.49f, 0.5f, 0.8f, 1f});
    assertArrayEquals(new float[] {0f, 0.49f, 0.5f, 0.2f, 0f}, new Solarize(0.5).apply(in, random).pixels(), 1e-6f);
    Image all = new Image(1, 1, 2, new float[] {0f, 0.3f});
    assertArrayEquals(new float[] {1f, 0.7f}, new Solarize(0).apply(all, random).pixels(), 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> new Solarize(1.5));
  }

  @Test
  void normalizeGivesExactValues() {
    Image in = new Image(1, 1, 3, new float[] {0f, 0.286f, 1f});
    float[] out = new Normalize(new double[] {0.286}, new double[] {0.353}).apply(in, random).pixels();
    assertArrayEquals(new float[] {(0f - 0.286f) / 0.353f, 0f, (1f - 0.286f) / 0.353f}, out, 0f);
    Image rgb = new Image(3, 1, 1, new float[] {0.5f, 0.5f, 0.5f});
    float[] perChannel = new Normalize(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.25, 2}).apply(rgb, random).pixels();
    assertArrayEquals(new float[] {0.8f, 1.2f, 0.1f}, perChannel, 1e-6f);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.5, Double.NaN})
  void normalizeRejectsStdNotAboveZero(double std) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Normalize(new double[] {0.5}, new double[] {std}));
    assertTrue(e.getMessage().contains("std"), e.getMessage());
  }

  @Test
  void normalizeRejectsAChannelCountMismatch() {
    Normalize n = new Normalize(new double[] {0.1, 0.2, 0.3}, new double[] {1});
    assertThrows(IllegalArgumentException.class, () -> n.apply(TestImages.random(1, 2, 2, 0), random));
  }

  @Test
  void resizeUpscalesBilinearlyWithHalfPixelCentres() {
    Image in = new Image(1, 1, 2, new float[] {0f, 1f});
    // torch.nn.functional.interpolate([[0, 1]], size=4, mode="linear", align_corners=False)
    assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, Resize.to(1, 4).apply(in, random).pixels(), 1e-6f);
    Image big = Resize.to(96, 96).apply(TestImages.random(1, 28, 28, 4), random);
    assertEquals(96, big.height());
    assertEquals(96, big.width());
  }

  @Test
  void resizeBySizeMatchesTheShorterSide() {
    Image out = Resize.shorterSide(32).apply(TestImages.random(3, 20, 30, 4), random);
    assertEquals(32, out.height());
    assertEquals(48, out.width());
    Image same = TestImages.random(1, 32, 32, 4);
    assertSame(same, Resize.shorterSide(32).apply(same, random));
    assertNotEquals(0, Resize.to(2, 2).apply(TestImages.constant(1, 8, 8, 0.5f), random).get(0, 1, 1));
  }
}
