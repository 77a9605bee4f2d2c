package io.pretext.core.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColorJitterTest {

  @ParameterizedTest(name = "b={0} c={1} s={2} h={3}, {4} channels")
  @CsvSource({
      "0.4, 0.4, 0, 0, 1",
      "0.8, 0.8, 0.8, 0.2, 3",
      "2.0, 2.0, 2.0, 0.5, 3",
      "0, 0, 1.0, 0.5, 3"})
  void outputStaysInTheUnitInterval(double b, double c, double s, double h, int channels) {
    ColorJitter jitter = new ColorJitter(b, c, s, h);
    for (long seed = 0; seed < 100; seed++) {
      Image out = jitter.apply(TestImages.random(channels, 16, 16, seed), new SplittableRandom(seed));
      for (float v : out.pixels()) {
        assertTrue(v >= 0 && v <= 1, "value " + v);
      }
    }
  }

  @Test
  void brightnessFactorIsWithinRangeAndCoversIt() {
    double b = 0.4;
    ColorJitter jitter = new ColorJitter(b, 0, 0, 0);
    double lo = 2;
    double hi = 0;
    for (long seed = 0; seed < 500; seed++) {
      Image out = jitter.apply(TestImages.constant(1, 8, 8, 0.5f), new SplittableRandom(seed)); // 0.5 * 1.4 < 1: no clamping
      double ratio = TestImages.mean(out.pixels()) / 0.5;
      assertTrue(ratio >= 1 - b - 1e-6 && ratio <= 1 + b + 1e-6, "ratio " + ratio);
      lo = Math.min(lo, ratio);
      hi = Math.max(hi, ratio);
    }
    assertTrue(lo < 0.65 && hi > 1.35, "factors should span [0.6, 1.4], got [" + lo + ", " + hi + "]");
  }

  @Test
  void contrastKeepsTheMeanAndScalesTheSpread() {
    ColorJitter jitter = new ColorJitter(0, 0.4, 0, 0);
    float[] p = {0.4f, 0.6f, 0.4f, 0.6f};
    for (long seed = 0; seed < 100; seed++) {
      Image out = jitter.apply(new Image(1, 2, 2, p.clone()), new SplittableRandom(seed));
      assertEquals(0.5, TestImages.mean(out.pixels()), 1e-6);
      double spread = (out.pixels()[1] - out.pixels()[0]) / 0.2;
      assertTrue(spread >= 0.6 - 1e-5 && spread <= 1.4 + 1e-5, "contrast factor " + spread);
    }
  }

  @Test
  void saturationAndHueIgnoreOneChannelImages() {
    ColorJitter jitter = new ColorJitter(0, 0, 0.8, 0.5);
    Image in = TestImages.random(1, 8, 8, 1);
    assertEquals(in.copy(), jitter.apply(in, new SplittableRandom(3)));
  }

  @Test
  void saturationAndHueKeepGrayPixelsGray() {
    ColorJitter jitter = new ColorJitter(0, 0, 0.8, 0.5);
    Image gray = TestImages.constant(3, 4, 4, 0.3f);
    // the luma weights sum to 0.9999 (as torchvision's), hence the tolerance
    assertArrayEquals(TestImages.constant(3, 4, 4, 0.3f).pixels(), jitter.apply(gray, new SplittableRandom(3)).pixels(), 1e-4f);
  }

  @Test
  void hueShiftKeepsValueAndSaturation() {
    ColorJitter jitter = new ColorJitter(0, 0, 0, 0.5);
    for (long seed = 0; seed < 50; seed++) {
      Image in = new Image(3, 1, 1, new float[] {0.9f, 0.3f, 0.1f});
      float[] o = jitter.apply(in, new SplittableRandom(seed)).pixels();
      float max = Math.max(o[0], Math.max(o[1], o[2]));
      float min = Math.min(o[0], Math.min(o[1], o[2]));
      assertEquals(0.9f, max, 1e-5f);
      assertEquals(0.1f, min, 1e-5f);
    }
  }

  @Test
  void badStrengthsAreRejected() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ColorJitter(-0.1, 0, 0, 0)).getMessage().contains("brightness"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ColorJitter(0, 0, 0, 0.6)).getMessage().contains("hue"));
  }
}
