package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A random crop of random area and aspect ratio, resized to a fixed size: the main SimCLR
 * augmentation (Chen et al. 2020, Appendix A; torchvision {@code RandomResizedCrop}).
 *
 * <p>Area fraction {@code s ~ U(scale)}, aspect ratio {@code r} log-uniform in {@code ratio};
 * crop width {@code sqrt(s·H·W·r)}, height {@code sqrt(s·H·W/r)}, placed uniformly inside the image;
 * 10 tries, then the <b>full image</b> (like the Fashion-MNIST reference, where torchvision would
 * take a centre crop). As in the reference, the box is continuous (not rounded to pixels) and
 * resampled bilinearly without antialiasing ({@link Bilinear}).
 */
public final class RandomResizedCrop implements Augmenter<Image> {
  static final int TRIES = 10;
  private final int outHeight;
  private final int outWidth;
  private final double scaleMin;
  private final double scaleMax;
  private final double logRatioMin;
  private final double logRatioMax;
  private final Bilinear bilinear = new Bilinear();

  /** A crop box in source pixels, edges at pixel boundaries (pixel {@code i} spans [i, i+1]). */
  public record Box(double top, double left, double height, double width) {}

  /**
   * @param outHeight output height, or 0 to keep the input's size (with outWidth 0)
   * @param outWidth output width, or 0 to keep the input's size (with outHeight 0)
   * @param scaleMin smallest area fraction, in (0, 1]
   * @param scaleMax largest area fraction, in [scaleMin, 1]
   * @param ratioMin smallest aspect ratio (width / height), > 0
   * @param ratioMax largest aspect ratio, >= ratioMin
   */
  public RandomResizedCrop(int outHeight, int outWidth, double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
    if (!(outHeight == 0 && outWidth == 0)) {
      ImageKeys.checkSide("random-resized-crop height", outHeight);
      ImageKeys.checkSide("random-resized-crop width", outWidth);
    }
    ImageKeys.checkRange("random-resized-crop scale", scaleMin, scaleMax, 0, true, 1);
    ImageKeys.checkRange("random-resized-crop ratio", ratioMin, ratioMax, 0, true, Double.MAX_VALUE);
    this.outHeight = outHeight;
    this.outWidth = outWidth;
    this.scaleMin = scaleMin;
    this.scaleMax = scaleMax;
    this.logRatioMin = Math.log(ratioMin);
    this.logRatioMax = Math.log(ratioMax);
  }

  /** The configured output size, else the input's. */
  @Override
  public Optional<ImageSize> outputSize(Optional<ImageSize> input) {
    return outHeight == 0 ? input : Optional.of(new ImageSize(outHeight, outWidth));
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  /** Draws the crop box for an image of the given size; {@link #apply} draws exactly this. */
  public Box sampleBox(int height, int width, RandomGenerator random) {
    double area = (double) height * width;
    for (int i = 0; i < TRIES; i++) {
      double target = area * uniform(random, scaleMin, scaleMax);
      double ratio = Math.exp(uniform(random, logRatioMin, logRatioMax));
      double w = Math.sqrt(target * ratio);
      double h = Math.sqrt(target / ratio);
      if (w <= width && h <= height) {
        double top = random.nextDouble() * (height - h);
        double left = random.nextDouble() * (width - w);
        return new Box(top, left, h, w);
      }
    }
    return new Box(0, 0, height, width);
  }

  @Override
  public Image apply(Image image, RandomGenerator random) {
    int h = image.height();
    int w = image.width();
    int oh = outHeight == 0 ? h : outHeight;
    int ow = outWidth == 0 ? w : outWidth;
    Box b = sampleBox(h, w, random);
    float[] pixels = image.pixels();
    if (oh == h && ow == w) {
      float[] src = bilinear.scratchCopy(pixels);
      bilinear.resample(src, image.channels(), h, w, pixels, oh, ow, b.top(), b.left(), b.height(), b.width());
      return image;
    }
    float[] out = new float[image.channels() * oh * ow];
    bilinear.resample(pixels, image.channels(), h, w, out, oh, ow, b.top(), b.left(), b.height(), b.width());
    return new Image(image.channels(), oh, ow, out);
  }

  private static double uniform(RandomGenerator random, double min, double max) {
    return min == max ? min : min + (max - min) * random.nextDouble();
  }

  /** {@code random-resized-crop}: keys size | height+width, scale, ratio. */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      return ImageKeys.sizeKeys(ConfigSchema.builder(), "output side in pixels; absent: the input's size")
          .optional("scale", ValueType.listOf(ValueType.real(0, true, 1, false)), List.of(0.08, 1.0),
              "[min, max] fraction of the image area the crop covers")
          .optional("ratio", ValueType.listOf(ValueType.positiveReal()), List.of(3.0 / 4.0, 4.0 / 3.0),
              "[min, max] aspect ratio (width / height), sampled log-uniformly")
          .build();
    }

    @Override
    public String description() {
      return "random crop of random area and aspect ratio, resized bilinearly (SimCLR; torchvision RandomResizedCrop)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      int[] size = ImageKeys.sizeOrNull(config);
      double[] scale = ImageKeys.range(config, "scale", false);
      double[] ratio = ImageKeys.range(config, "ratio", false);
      int h = size == null ? 0 : size[0];
      int w = size == null ? 0 : size[size.length - 1];
      return new RandomResizedCrop(h, w, scale[0], scale[1], ratio[0], ratio[1]);
    }
  }
}
