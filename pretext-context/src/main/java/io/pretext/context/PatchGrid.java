package io.pretext.context;

import io.pretext.api.config.ConfigException;

/**
 * The geometry of context prediction's 3×3 patch grid (Doersch, Gupta, Efros 2015, "Unsupervised
 * Visual Representation Learning by Context Prediction", §3: patches separated by a gap and
 * jittered, so that trivial shortcuts such as continuing edges across the border do not solve the
 * task).
 *
 * <p>Cells are {@code patch} pixels wide with {@code gap} pixels between neighbours, so the grid
 * spans {@code 3·patch + 2·gap} pixels; each patch is then shifted by up to {@code jitter} pixels
 * along each axis, which needs {@code jitter} spare pixels on each side of the grid. A jitter of at
 * most half the gap keeps patches from ever touching or overlapping.
 *
 * <p>Labels of the 8 neighbours, row by row, and their (row, column) offset in cells from the
 * centre: 0 = top-left (−1, −1), 1 = top (−1, 0), 2 = top-right (−1, +1), 3 = left (0, −1), 4 =
 * right (0, +1), 5 = bottom-left (+1, −1), 6 = bottom (+1, 0), 7 = bottom-right (+1, +1).
 *
 * @param patch the side of a patch in pixels, >= 1
 * @param gap the pixels between neighbouring cells, >= 0
 * @param jitter the largest shift of a patch along each axis, 0 <= 2·jitter <= gap
 */
public record PatchGrid(int patch, int gap, int jitter) {
  /** The number of neighbours, and so of classes. */
  public static final int NEIGHBOURS = 8;

  private static final int[][] OFFSETS = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};

  /** @throws ConfigException at {@code pretext.*} when a size is out of range or the jitter exceeds half the gap */
  public PatchGrid {
    if (patch < 1) {
      throw ConfigException.at("pretext.patch", "patch must be >= 1 pixel, got " + patch);
    }
    if (gap < 0 || jitter < 0) {
      throw ConfigException.at("pretext.gap", "gap and jitter must be >= 0, got gap " + gap + ", jitter " + jitter);
    }
    if (2 * jitter > gap) {
      throw ConfigException.at("pretext.jitter", "jitter " + jitter + " exceeds half the gap " + gap
          + ", so jittered patches could overlap; use jitter <= gap / 2");
    }
  }

  /** The distance in pixels between the top-left corners of neighbouring cells: patch + gap. */
  public int stride() {
    return patch + gap;
  }

  /** The pixels one side of the grid needs, jitter room included: 3·patch + 2·gap + 2·jitter. */
  public int side() {
    return 3 * patch + 2 * gap + 2 * jitter;
  }

  /** The row offset in cells (−1, 0, +1) of the neighbour with this label. */
  public static int rowOffset(int label) {
    return OFFSETS[checked(label)][0];
  }

  /** The column offset in cells (−1, 0, +1) of the neighbour with this label. */
  public static int columnOffset(int label) {
    return OFFSETS[checked(label)][1];
  }

  /**
   * @param height the image height the grid is cut from (after any upscale)
   * @param width the image width
   * @throws ConfigException naming both sizes when the grid does not fit
   */
  public void checkFits(int height, int width) {
    if (side() > Math.min(height, width)) {
      throw ConfigException.at("pretext.patch", "the 3x3 patch grid needs 3*patch + 2*gap + 2*jitter = 3*" + patch
          + " + 2*" + gap + " + 2*" + jitter + " = " + side() + " pixels per side, but the image (after upscale) is "
          + height + "x" + width + "; lower patch, gap or jitter, or raise upscale");
    }
  }

  private static int checked(int label) {
    if (label < 0 || label >= NEIGHBOURS) {
      throw new IllegalArgumentException("neighbour label must be in 0..7, got " + label);
    }
    return label;
  }
}
