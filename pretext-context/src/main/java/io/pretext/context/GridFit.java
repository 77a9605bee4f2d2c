package io.pretext.context;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.ImageSize;

/**
 * The config check that a task's grid of cells fits the images it receives: the {@code jigsaw}
 * tile grid and the {@code context} patch grid, both cut after {@code upscale}. It names the
 * section's keys, the sizes and what to change.
 */
final class GridFit {
  private GridFit() {}

  /**
   * @param config the task's section (keys {@code upscale}, {@code gap}, {@code jitter} and {@code cellKey})
   * @param cellKey the key of a cell's side ({@code tile} or {@code patch})
   * @param what e.g. "the 3x3 jigsaw grid"
   * @param formula the sum that gives {@code side}, spelt with its numbers
   * @param side the pixels one side of the grid needs
   * @param largestCell the largest cell side that would fit at this upscale, below 1 when none
   * @param minCell the smallest cell side the task accepts
   * @param image the size the task receives
   * @throws ConfigException at {@code cellKey} when the grid does not fit
   */
  static void check(ConfigNode config, String cellKey, String what, String formula, int side, int largestCell,
      int minCell, ImageSize image) {
    int upscale = config.getInt("upscale", 1);
    long shorter = (long) image.shorter() * upscale;
    if (side <= shorter) {
      return;
    }
    String scaled = upscale == 1 ? "" : ", " + (long) image.height() * upscale + "x" + (long) image.width() * upscale
        + " after " + config.pathOf("upscale") + " " + upscale;
    StringBuilder fix = new StringBuilder("; ");
    if (largestCell >= minCell) {
      fix.append("set ").append(config.pathOf(cellKey)).append(" to at most ").append(largestCell).append(", or ");
    }
    fix.append("lower ").append(config.pathOf("gap")).append(" or ").append(config.pathOf("jitter"));
    int neededUpscale = (side + image.shorter() - 1) / image.shorter();
    if (neededUpscale <= 16) {
      fix.append(", or set ").append(config.pathOf("upscale")).append(" to ").append(neededUpscale);
    }
    fix.append(", or give larger images (the data's size, or a size in the augment list)");
    throw ConfigException.at(config.pathOf(cellKey), what + " needs " + formula + " = " + side
        + " pixels per side, but the pretext task receives " + image + " images (the data's size after the augment"
        + " list" + scaled + ")" + fix);
  }
}
