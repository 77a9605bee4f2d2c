package io.pretext.core.data.shard;

import io.pretext.api.data.Image;
import io.pretext.core.data.ImagePixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Decodes the bytes of one PNG/JPEG shard entry into an {@link Image} of the configured channels
 * and size, as {@code image-folder} does with a file. The one place shards meet an image decoder.
 */
public final class ImageBytesDecoder {
  private final int channels;
  private final int height;
  private final int width;

  /**
   * @param channels 1 (gray) or 3 (RGB)
   * @param height the height images are resized to
   * @param width the width images are resized to
   */
  public ImageBytesDecoder(int channels, int height, int width) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("height and width must be positive, got " + height + "x" + width);
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /** The image, or empty with the reason in {@code why[0]} when the bytes do not decode. */
  public Optional<Image> decode(byte[] bytes, String[] why) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null || img.getWidth() <= 0 || img.getHeight() <= 0) {
        why[0] = "no PNG/JPEG decoder recognised its content";
        return Optional.empty();
      }
      int per = channels * height * width;
      byte[] raw = new byte[per];
      ImagePixels.write(img, channels, height, width, raw, 0);
      float[] values = new float[per];
      for (int i = 0; i < per; i++) {
        values[i] = (raw[i] & 0xFF) / 255f;
      }
      return Optional.of(new Image(channels, height, width, values));
    } catch (IOException | RuntimeException e) {
      why[0] = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.empty();
    }
  }
}
