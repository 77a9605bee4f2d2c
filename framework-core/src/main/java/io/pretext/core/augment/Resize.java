package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Bilinear resize (torchvision {@code Resize}, half-pixel centres, no antialiasing: exact for
 * upscaling, e.g. 28×28 Fashion-MNIST to 32×32 or 96×96; downscaling by more than 2× may alias).
 * With {@code size} alone the shorter side becomes {@code size} and the longer keeps the aspect
 * ratio (truncated, as torchvision); with height and width the output is exactly that.
 * Deterministic.
 */
public final class Resize implements Augmenter<Image> {
  private final int height;
  private final int width;
  private final Bilinear bilinear = new Bilinear();

  /** Exact height × width, or {@code -size} and 0 for the shorter side. */
  private Resize(int height, int width) {
    this.height = height;
    this.width = width;
  }

  /** Resizes to exactly height × width. */
  public static Resize to(int height, int width) {
    return new Resize(ImageKeys.checkSide("resize height", height), ImageKeys.checkSide("resize width", width));
  }

  /** Resizes so that the shorter side is {@code size}, keeping the aspect ratio. */
  public static Resize shorterSide(int size) {
    return new Resize(-ImageKeys.checkSide("resize size", size), 0);
  }

  /** The fixed size, or for a shorter-side resize the input scaled as {@link #apply} scales it. */
  @Override
  public Optional<ImageSize> outputSize(Optional<ImageSize> input) {
    if (height > 0) {
      return Optional.of(new ImageSize(height, width));
    }
    int size = -height;
    return input.map(in -> in.height() <= in.width()
        ? new ImageSize(size, (int) ((long) size * in.width() / in.height()))
        : new ImageSize((int) ((long) size * in.height() / in.width()), size));
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public Image apply(Image image, RandomGenerator random) {
    int h = image.height();
    int w = image.width();
    int oh = height;
    int ow = width;
    if (height < 0) {
      int size = -height;
      oh = h <= w ? size : (int) ((long) size * h / w);
      ow = h <= w ? (int) ((long) size * w / h) : size;
    }
    if (oh == h && ow == w) {
      return image;
    }
    float[] out = new float[image.channels() * oh * ow];
    bilinear.resample(image.pixels(), image.channels(), h, w, out, oh, ow, 0, 0, h, w);
    return new Image(image.channels(), oh, ow, out);
  }

  /** {@code resize}: keys size | height+width (required). */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      return ImageKeys.sizeKeys(ConfigSchema.builder(), "shorter output side in pixels, aspect ratio kept").build();
    }

    @Override
    public String description() {
      return "bilinear resize to size (shorter side) or height x width (torchvision Resize)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      int[] size = ImageKeys.sizeOrNull(config);
      if (size == null) {
        throw ConfigException.at(config.pathOf(ImageKeys.SIZE), "required: give size, or height and width");
      }
      return size.length == 1 ? shorterSide(size[0]) : to(size[0], size[1]);
    }
  }
}
