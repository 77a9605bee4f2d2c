package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Random brightness, contrast, saturation and hue changes, in a random order per image, each
 * result clamped to [0, 1] (SimCLR, Chen et al. 2020, Appendix A; torchvision {@code ColorJitter}).
 *
 * <p>Factors: brightness, contrast and saturation {@code ~ U(max(0, 1 - v), 1 + v)}; hue shift
 * {@code ~ U(-v, v)} of a full turn. Brightness scales values; contrast blends with the mean of the
 * image's grayscale (ITU-R 601 weights on 3 channels, the plain mean otherwise); saturation blends
 * each pixel with its gray value; hue rotates H in HSV. Saturation and hue need RGB: on images that
 * do not have exactly 3 channels (e.g. Fashion-MNIST's 1) they are ignored. Works in place.
 */
public final class ColorJitter implements Augmenter<Image> {
  private static final int BRIGHTNESS = 0;
  private static final int CONTRAST = 1;
  private static final int SATURATION = 2;
  private static final int HUE = 3;
  private final double brightness;
  private final double contrast;
  private final double saturation;
  private final double hue;

  /**
   * @param brightness jitter strength >= 0 (0: off)
   * @param contrast jitter strength >= 0 (0: off)
   * @param saturation jitter strength >= 0 (0: off; RGB only)
   * @param hue jitter strength in [0, 0.5] (0: off; RGB only)
   */
  public ColorJitter(double brightness, double contrast, double saturation, double hue) {
    check("brightness", brightness, Double.MAX_VALUE);
    check("contrast", contrast, Double.MAX_VALUE);
    check("saturation", saturation, Double.MAX_VALUE);
    check("hue", hue, 0.5);
    this.brightness = brightness;
    this.contrast = contrast;
    this.saturation = saturation;
    this.hue = hue;
  }

  private static void check(String key, double v, double max) {
    if (!(v >= 0 && v <= max && Double.isFinite(v))) {
      throw new IllegalArgumentException("color-jitter " + key + " must be in [0, " + (max == Double.MAX_VALUE ? "inf)" : max + "]")
          + ", got " + v);
    }
  }

  /** Keeps the size. */
  @Override
  public Optional<ImageSize> outputSize(Optional<ImageSize> input) {
    return input;
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public Image apply(Image image, RandomGenerator random) {
    boolean rgb = image.channels() == 3;
    int[] ops = new int[4];
    int n = 0;
    if (brightness > 0) {
      ops[n++] = BRIGHTNESS;
    }
    if (contrast > 0) {
      ops[n++] = CONTRAST;
    }
    if (saturation > 0 && rgb) {
      ops[n++] = SATURATION;
    }
    if (hue > 0 && rgb) {
      ops[n++] = HUE;
    }
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates: a random order of the active ops
      int j = random.nextInt(i + 1);
      int t = ops[i];
      ops[i] = ops[j];
      ops[j] = t;
    }
    float[] p = image.pixels();
    for (int k = 0; k < n; k++) {
      switch (ops[k]) {
        case BRIGHTNESS -> blend(p, factor(random, brightness), 0f);
        case CONTRAST -> blend(p, factor(random, contrast), grayMean(image));
        case SATURATION -> saturate(p, image.height() * image.width(), factor(random, saturation));
        default -> shiftHue(p, image.height() * image.width(), (float) ((2 * random.nextDouble() - 1) * hue));
      }
    }
    return image;
  }

  private static float factor(RandomGenerator random, double v) {
    double lo = Math.max(0, 1 - v);
    return (float) (lo + (1 + v - lo) * random.nextDouble());
  }

  /** {@code x = clamp(f·x + (1 - f)·other)} over all values. */
  private static void blend(float[] p, float f, float other) {
    float add = (1 - f) * other;
    for (int i = 0; i < p.length; i++) {
      p[i] = clamp01(f * p[i] + add);
    }
  }

  /** The mean of the image's grayscale: luma on RGB, the plain mean otherwise. */
  static float grayMean(Image image) {
    float[] p = image.pixels();
    double sum = 0;
    if (image.channels() == 3) {
      int n = image.height() * image.width();
      for (int i = 0; i < n; i++) {
        sum += Grayscale.luma(p[i], p[n + i], p[2 * n + i]);
      }
      return (float) (sum / n);
    }
    for (float v : p) {
      sum += v;
    }
    return (float) (sum / p.length);
  }

  private static void saturate(float[] p, int n, float f) {
    float g1 = 1 - f;
    for (int i = 0; i < n; i++) {
      float gray = g1 * Grayscale.luma(p[i], p[n + i], p[2 * n + i]);
      p[i] = clamp01(f * p[i] + gray);
      p[n + i] = clamp01(f * p[n + i] + gray);
      p[2 * n + i] = clamp01(f * p[2 * n + i] + gray);
    }
  }

  /** torchvision's adjust_hue: RGB → HSV, H += shift (mod 1), HSV → RGB. */
  private static void shiftHue(float[] p, int n, float shift) {
    for (int i = 0; i < n; i++) {
      float r = p[i];
      float g = p[n + i];
      float b = p[2 * n + i];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float cr = max - min;
      if (cr == 0) {
        continue; // gray: hue undefined, unchanged
      }
      float s = max == 0 ? 0 : cr / max;
      float rc = (max - r) / cr;
      float gc = (max - g) / cr;
      float bc = (max - b) / cr;
      float h;
      if (max == r) {
        h = bc - gc;
      } else if (max == g) {
        h = 2f + rc - bc;
      } else {
        h = 4f + gc - rc;
      }
      h = h / 6f + 1f + shift;
      h -= (float) Math.floor(h);
      float h6 = h * 6f;
      int sector = (int) h6;
      float f = h6 - sector;
      sector %= 6;
      float v = max;
      float pp = clamp01(v * (1 - s));
      float q = clamp01(v * (1 - s * f));
      float t = clamp01(v * (1 - s * (1 - f)));
      switch (sector) {
        case 0 -> set(p, n, i, v, t, pp);
        case 1 -> set(p, n, i, q, v, pp);
        case 2 -> set(p, n, i, pp, v, t);
        case 3 -> set(p, n, i, pp, q, v);
        case 4 -> set(p, n, i, t, pp, v);
        default -> set(p, n, i, v, pp, q);
      }
    }
  }

  private static void set(float[] p, int n, int i, float r, float g, float b) {
    p[i] = r;
    p[n + i] = g;
    p[2 * n + i] = b;
  }

  static float clamp01(float v) {
    return Math.min(1f, Math.max(0f, v));
  }

  /** {@code color-jitter}: keys brightness, contrast, saturation, hue (all 0 = off by default). */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      ValueType strength = ValueType.real(0, false, Double.MAX_VALUE, false);
      return ConfigSchema.builder()
          .optional("brightness", strength, 0.0, "factor drawn from [max(0, 1 - v), 1 + v]; 0: off")
          .optional("contrast", strength, 0.0, "factor drawn from [max(0, 1 - v), 1 + v]; 0: off")
          .optional("saturation", strength, 0.0, "factor drawn from [max(0, 1 - v), 1 + v]; 0: off; RGB only")
          .optional("hue", ValueType.real(0, false, 0.5, false), 0.0, "shift drawn from [-v, v] of a turn; 0: off; RGB only")
          .build();
    }

    @Override
    public String description() {
      return "random brightness, contrast, saturation, hue in random order (SimCLR; torchvision ColorJitter)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      return new ColorJitter(config.getDouble("brightness"), config.getDouble("contrast"),
          config.getDouble("saturation"), config.getDouble("hue"));
    }
  }
}
