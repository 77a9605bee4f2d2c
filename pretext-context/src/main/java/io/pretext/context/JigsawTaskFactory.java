package io.pretext.context;

import com.google.inject.Inject;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.RunFacts;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code jigsaw} pretext task: {@code {name: jigsaw, grid: 3, tile: 7, gap: 2, jitter: 1,
 * upscale: 1, permutations: 100, normalize-tiles: true, hidden: 512}}. The defaults fit 28×28
 * images (3·7 + 2·2 + 2·1 = 27). The orderings are drawn from the run seed's {@value #STREAM}
 * stream, so the same seed gives the same classes.
 */
public final class JigsawTaskFactory implements PluginFactory<PretextTask> {
  /** The name of the seed stream the orderings are chosen with. */
  public static final String STREAM = "jigsaw-permutations";
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("grid", ValueType.integer(2, 3), 3, "tiles per side (the paper: 3)")
      .optional("tile", ValueType.integer(TileGrid.MIN_TILE, 4096), 7, "side of each tile in pixels (after upscale)")
      .optional("gap", ValueType.nonNegativeInt(), 2, "pixels between neighbouring cells")
      .optional("jitter", ValueType.nonNegativeInt(), 1, "largest random shift of each tile per axis, <= gap / 2")
      .optional("upscale", ValueType.integer(1, 16), 1, "integer factor images are enlarged by (bilinear)")
      .optional("permutations", ValueType.integer(2, JigsawPermutations.MAX_COUNT), 100,
          "number of tile orderings to tell apart, <= (grid^2)! and <= " + JigsawPermutations.MAX_COUNT
              + " (the paper: 1000); chosen by maximal Hamming distance")
      .optional("normalize-tiles", ValueType.bool(), true, "standardize each tile on its own (against shortcuts)")
      .optional("hidden", ValueType.integer(0, 1 << 20), 512, "hidden width of the default head; 0 for a linear head")
      .build();

  private final SeedSource seeds;

  @Inject
  public JigsawTaskFactory(SeedSource seeds) {
    this.seeds = seeds;
  }

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Jigsaw: which of P orderings shuffled the image's tiles (Noroozi and Favaro 2016)";
  }

  /** @throws io.pretext.api.config.ConfigException when the grid is inconsistent or asks more orderings than exist */
  @Override
  public PretextTask create(ConfigNode config) {
    TileGrid grid = grid(config);
    JigsawPermutations orders = JigsawPermutations.select(grid.tiles(), config.getInt("permutations", 100),
        seeds.generator(STREAM));
    return new JigsawTask(grid, orders, config.getInt("upscale", 1), config.getBoolean("normalize-tiles", true),
        config.getInt("hidden", 512));
  }

  /** Refuses a grid that does not fit the images the task receives, when their size is known. */
  @Override
  public void checkRun(ConfigNode config, RunFacts run) {
    run.taskImageSize().ifPresent(image -> {
      TileGrid grid = grid(config);
      int g = grid.grid();
      int room = image.shorter() * config.getInt("upscale", 1) - (g - 1) * grid.gap() - 2 * grid.jitter();
      GridFit.check(config, "tile", "the " + g + "x" + g + " jigsaw grid (" + config.pathOf("grid") + " " + g + ")",
          "grid*tile + (grid-1)*gap + 2*jitter = " + g + "*" + grid.tile() + " + " + (g - 1) + "*" + grid.gap()
              + " + 2*" + grid.jitter(), grid.side(), Math.floorDiv(room, g), TileGrid.MIN_TILE, image);
    });
  }

  private static TileGrid grid(ConfigNode config) {
    return new TileGrid(config.getInt("grid", 3), config.getInt("tile", 7), config.getInt("gap", 2),
        config.getInt("jitter", 1));
  }
}
