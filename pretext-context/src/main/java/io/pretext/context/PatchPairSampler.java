package io.pretext.context;

import io.pretext.api.config.ConfigException;
import io.pretext.api.data.Image;
import java.util.random.RandomGenerator;

/**
 * Cuts a training pair for context prediction (Doersch, Gupta, Efros 2015, §3): lays a 3×3 {@link
 * PatchGrid} at a random place on the (optionally upscaled) image, jitters the centre patch and a
 * random one of its 8 neighbours, and returns both with the neighbour's label. Patches never leave
 * the image and never overlap. Thread-safe: all randomness comes from the generator passed in.
 */
public final class PatchPairSampler {
  private final PatchGrid grid;
  private final int upscale;
  private final ChromaticGuard guard;

  /**
   * @param grid patch size, gap and jitter
   * @param upscale integer factor the image is enlarged by (bilinear) before cutting, >= 1
   * @param guard colour handling of RGB patches
   */
  public PatchPairSampler(PatchGrid grid, int upscale, ChromaticGuard guard) {
    if (upscale < 1) {
      throw ConfigException.at("pretext.upscale", "upscale must be an integer factor >= 1, got " + upscale);
    }
    this.grid = grid;
    this.upscale = upscale;
    this.guard = guard;
  }

  public PatchGrid grid() {
    return grid;
  }

  public int upscale() {
    return upscale;
  }

  public ChromaticGuard guard() {
    return guard;
  }

  /**
   * @param height an input image's height before upscaling
   * @param width its width
   * @throws ConfigException naming the sizes when the grid does not fit the upscaled image
   */
  public void checkFits(long height, long width) {
    grid.checkFits(Math.toIntExact(height * upscale), Math.toIntExact(width * upscale));
  }

  /**
   * Draws the grid's place, the neighbour's label, then the centre's and the neighbour's jitter
   * (row, column each), then the colour guard of each patch, in that order.
   *
   * @throws ConfigException when the grid does not fit the image
   */
  public PatchPair sample(Image image, RandomGenerator random) {
    Image source = Bilinear.upscale(image, upscale);
    grid.checkFits(source.height(), source.width());
    int top = grid.jitter() + random.nextInt(source.height() - grid.side() + 1);
    int left = grid.jitter() + random.nextInt(source.width() - grid.side() + 1);
    int label = random.nextInt(PatchGrid.NEIGHBOURS);
    int stride = grid.stride();
    int cy = top + stride + ImageCrops.jitter(random, grid.jitter());
    int cx = left + stride + ImageCrops.jitter(random, grid.jitter());
    int ny = top + (1 + PatchGrid.rowOffset(label)) * stride + ImageCrops.jitter(random, grid.jitter());
    int nx = left + (1 + PatchGrid.columnOffset(label)) * stride + ImageCrops.jitter(random, grid.jitter());
    Image centre = ImageCrops.square(source, cy, cx, grid.patch());
    Image neighbour = ImageCrops.square(source, ny, nx, grid.patch());
    guard.apply(centre, random);
    guard.apply(neighbour, random);
    return new PatchPair(centre, neighbour, label, cy, cx, ny, nx);
  }
}
