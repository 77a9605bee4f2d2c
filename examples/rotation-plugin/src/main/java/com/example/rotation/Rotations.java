package com.example.rotation;

import io.pretext.api.data.Image;

/** Turns square images by quarter turns. */
final class Rotations {
  /** The rotations the task tells apart: 0, 90, 180 and 270 degrees. */
  static final int COUNT = 4;

  private Rotations() {}

  /**
   * The image turned counter-clockwise by {@code quarterTurns} × 90 degrees, as a new image.
   *
   * @throws IllegalArgumentException when the image is not square
   */
  static Image rotate(Image image, int quarterTurns) {
    int n = image.height();
    if (image.width() != n) {
      throw new IllegalArgumentException("only square images can be turned, got " + image);
    }
    Image out = image.copy();
    for (int t = 0; t < Math.floorMod(quarterTurns, COUNT); t++) {
      out = quarterTurn(out);
    }
    return out;
  }

  /** One counter-clockwise quarter turn: the top row becomes the left column, read bottom to top. */
  private static Image quarterTurn(Image in) {
    int n = in.height();
    Image out = new Image(in.channels(), n, n, new float[in.pixels().length]);
    for (int c = 0; c < in.channels(); c++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          out.set(c, n - 1 - x, y, in.get(c, y, x));
        }
      }
    }
    return out;
  }
}
