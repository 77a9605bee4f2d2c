package io.pretext.api.data;

/**
 * Rotation of an {@link Image} by whole quarter turns, counter-clockwise as seen on screen (row 0
 * at the top), for rotation prediction (Gidaris, Singh, Komodakis 2018, "Unsupervised
 * Representation Learning by Predicting Image Rotations") and any augmenter that needs it.
 *
 * <p>For an input C×H×W, with {@code q} the quarter turns modulo 4 (negative turns are clockwise):
 * <ul>
 *   <li>q = 0: a copy; q = 2 (180°): C×H×W, {@code out(y, x) = in(H-1-y, W-1-x)};
 *   <li>q = 1 (90°): C×W×H, {@code out(y, x) = in(x, W-1-y)}: the top-right corner goes top-left;
 *   <li>q = 3 (270°): C×W×H, {@code out(y, x) = in(H-1-x, y)}: the bottom-left corner goes top-left.
 * </ul>
 * Every channel is turned alike. Pure: the input is never changed and the result never shares its
 * pixels.
 */
public final class ImageRotation {
  private ImageRotation() {}

  /** The image turned by {@code quarterTurns × 90°} counter-clockwise; a new image. */
  public static Image rotate(Image image, int quarterTurns) {
    int q = Math.floorMod(quarterTurns, 4);
    int c = image.channels();
    int h = image.height();
    int w = image.width();
    if (q == 0) {
      return image.copy();
    }
    boolean swap = q % 2 == 1;
    int outH = swap ? w : h;
    int outW = swap ? h : w;
    float[] in = image.pixels();
    float[] out = new float[in.length];
    for (int ch = 0; ch < c; ch++) {
      int plane = ch * h * w;
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          int sy = q == 1 ? x : q == 2 ? h - 1 - y : h - 1 - x;
          int sx = q == 1 ? w - 1 - y : q == 2 ? w - 1 - x : y;
          out[plane + y * outW + x] = in[plane + sy * w + sx];
        }
      }
    }
    return new Image(c, outH, outW, out);
  }

  /**
   * The quarter turns of an angle in degrees; any multiple of 90, negative (clockwise) too.
   *
   * @throws IllegalArgumentException when the angle is not a multiple of 90
   */
  public static int quarterTurns(int degrees) {
    if (degrees % 90 != 0) {
      throw new IllegalArgumentException("a rotation must be a multiple of 90 degrees, got " + degrees
          + "; use 0, 90, 180 or 270");
    }
    return Math.floorMod(degrees / 90, 4);
  }
}
