package io.pretext.api.data;

/**
 * The height and width of an image in pixels, as the run's checks reason about them before any
 * image is read (e.g. whether a jigsaw grid fits what the pretext task receives).
 *
 * @param height rows, >= 1
 * @param width columns, >= 1
 */
public record ImageSize(int height, int width) {
  public ImageSize {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("an image size needs height and width >= 1, got " + height + "x" + width);
    }
  }

  /** The shorter side. */
  public int shorter() {
    return Math.min(height, width);
  }

  @Override
  public String toString() {
    return height + "x" + width;
  }
}
