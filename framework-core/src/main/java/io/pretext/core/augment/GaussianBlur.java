package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Gaussian blur with a random {@code sigma ~ U(sigma)}, a separable odd kernel and reflect padding,
 * in place (SimCLR, Chen et al. 2020, Appendix A: kernel 10% of the side, sigma in [0.1, 2.0];
 * torchvision {@code GaussianBlur}). The kernel is {@code exp(-x²/2σ²)} at integer offsets,
 * normalized to sum 1, so constants are kept and mass away from the border is preserved.
 */
public final class GaussianBlur implements Augmenter<Image> {
  private final int kernelSize;
  private final double sigmaMin;
  private final double sigmaMax;
  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  /** Per-thread kernel, padded line and transposed plane, grown on demand. */
  private static final class Buffers {
    float[] kernel = new float[0];
    float[] line = new float[0];
    float[] plane = new float[0];
  }

  /**
   * @param kernelSize odd, >= 1
   * @param sigmaMin smallest standard deviation in pixels, > 0
   * @param sigmaMax largest, >= sigmaMin
   */
  public GaussianBlur(int kernelSize, double sigmaMin, double sigmaMax) {
    if (kernelSize < 1 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException("gaussian-blur kernel-size must be odd and positive, got " + kernelSize);
    }
    ImageKeys.checkRange("gaussian-blur sigma", sigmaMin, sigmaMax, 0, true, Double.MAX_VALUE);
    this.kernelSize = kernelSize;
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
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
    double sigma = sigmaMin == sigmaMax ? sigmaMin : sigmaMin + (sigmaMax - sigmaMin) * random.nextDouble();
    if (kernelSize == 1) {
      return image;
    }
    int h = image.height();
    int w = image.width();
    int half = kernelSize / 2;
    Buffers b = buffers.get();
    if (b.kernel.length < kernelSize) {
      b.kernel = new float[kernelSize];
    }
    if (b.line.length < Math.max(h, w) + 2 * half) {
      b.line = new float[Math.max(h, w) + 2 * half];
    }
    if (b.plane.length < h * w) {
      b.plane = new float[h * w];
    }
    kernel(b.kernel, half, sigma);
    float[] p = image.pixels();
    for (int c = 0; c < image.channels(); c++) {
      int off = c * h * w;
      // rows of the channel -> transposed into plane, then rows of plane -> transposed back
      convolveRowsTransposed(p, off, h, w, b.plane, 0, b.kernel, half, b.line);
      convolveRowsTransposed(b.plane, 0, w, h, p, off, b.kernel, half, b.line);
    }
    return image;
  }

  private static void kernel(float[] k, int half, double sigma) {
    double sum = 0;
    for (int i = -half; i <= half; i++) {
      double v = Math.exp(-0.5 * (i / sigma) * (i / sigma));
      k[i + half] = (float) v;
      sum += v;
    }
    for (int i = 0; i <= 2 * half; i++) {
      k[i] = (float) (k[i] / sum);
    }
  }

  /** Convolves each of the {@code rows} rows of length {@code cols} and writes the result transposed. */
  private static void convolveRowsTransposed(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff,
      float[] k, int half, float[] line) {
    int size = 2 * half + 1;
    for (int r = 0; r < rows; r++) {
      int base = srcOff + r * cols;
      for (int i = -half; i < cols + half; i++) {
        line[i + half] = src[base + reflect(i, cols)];
      }
      for (int x = 0; x < cols; x++) {
        float acc = 0;
        for (int j = 0; j < size; j++) {
          acc += k[j] * line[x + j];
        }
        dst[dstOff + x * rows + r] = acc;
      }
    }
  }

  /** Reflect padding without repeating the edge ("reflect" in torch), for any offset. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  /** {@code gaussian-blur}: keys kernel-size (odd, default 3), sigma (default [0.1, 2.0]). */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    static final String KERNEL_SIZE = "kernel-size";

    @Override
    public ConfigSchema schema() {
      return ConfigSchema.builder()
          .optional(KERNEL_SIZE, ValueType.integer(1, 255), 3, "odd kernel side in pixels (SimCLR: ~10% of the image side)")
          .optional("sigma", ValueType.listOf(ValueType.positiveReal()), List.of(0.1, 2.0),
              "[min, max] standard deviation in pixels, drawn uniformly; one value: fixed")
          .build();
    }

    @Override
    public String description() {
      return "separable Gaussian blur with random sigma, reflect padding (SimCLR; torchvision GaussianBlur)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      int k = config.getInt(KERNEL_SIZE);
      if (k % 2 == 0) {
        throw ConfigException.at(config.pathOf(KERNEL_SIZE), "must be odd, got " + k + "; use " + (k - 1) + " or " + (k + 1));
      }
      double[] sigma = ImageKeys.range(config, "sigma", true);
      return new GaussianBlur(k, sigma[0], sigma[1]);
    }
  }
}
