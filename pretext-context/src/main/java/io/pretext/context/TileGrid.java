package io.pretext.context;

import io.pretext.api.config.ConfigException;

/**
 * The geometry of a jigsaw puzzle (Noroozi and Favaro 2016, §3: tiles cut from a grid of cells
 * with room between them, each at a random place in its cell, so that edges and textures do not
 * continue across tiles). Cells are {@code tile} pixels with {@code gap} pixels between
 * neighbours; each tile is shifted by up to {@code jitter} pixels per axis, and the grid keeps
 * {@code jitter} spare pixels on each side: it spans {@code g·tile + (g−1)·gap + 2·jitter} pixels.
 * Cell {@code k} is at row {@code k / g}, column {@code k % g}.
 *
 * @param grid tiles per side g, 2 or 3 (at most {@value JigsawPermutations#MAX_TILES} tiles)
 * @param tile the side of a tile in pixels, >= 4
 * @param gap pixels between neighbouring cells, >= 0
 * @param jitter the largest shift of a tile per axis, 0 <= 2·jitter <= gap, so tiles never touch
 */
public record TileGrid(int grid, int tile, int gap, int jitter) {
  /** The smallest tile side accepted. */
  public static final int MIN_TILE = 4;

  /** @throws ConfigException at {@code pretext.*} naming the key out of range */
  public TileGrid {
    if (grid < 2 || grid > 3) {
      throw ConfigException.at("pretext.grid", "grid must be 2 or 3 tiles per side, got " + grid);
    }
    if (tile < MIN_TILE) {
      throw ConfigException.at("pretext.tile", "tiles of " + tile + " pixels are too small; use tile >= " + MIN_TILE);
    }
    if (gap < 0 || jitter < 0 || 2 * jitter > gap) {
      throw ConfigException.at("pretext.jitter", "need 0 <= 2*jitter <= gap so that tiles never touch, got gap "
          + gap + ", jitter " + jitter + "; lower jitter or raise gap");
    }
  }

  /** g². */
  public int tiles() {
    return grid * grid;
  }

  /** Pixels between the top-left corners of neighbouring cells: tile + gap. */
  public int stride() {
    return tile + gap;
  }

  /** The pixels one side of the grid needs, jitter room included. */
  public int side() {
    return grid * tile + (grid - 1) * gap + 2 * jitter;
  }

  /** @throws ConfigException naming the sizes and what to change when the grid does not fit height × width */
  public void checkFits(long height, long width) {
    if (side() > Math.min(height, width)) {
      throw ConfigException.at("pretext.tile", "the " + grid + "x" + grid + " jigsaw grid needs grid*tile"
          + " + (grid-1)*gap + 2*jitter = " + grid + "*" + tile + " + " + (grid - 1) + "*" + gap + " + 2*" + jitter
          + " = " + side() + " pixels per side, but the image (after upscale) is " + height + "x" + width
          + "; lower tile, gap or jitter, or raise upscale");
    }
  }
}
