package io.pretext.context;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.RunFacts;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code context} pretext task: {@code {name: context, patch: 12, gap: 2, jitter: 1, upscale:
 * 1, gray-probability: 0, drop-color-probability: 0, hidden: 128}}.
 */
public final class ContextPredictionTaskFactory implements PluginFactory<PretextTask> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("patch", ValueType.integer(1, 4096), 12, "side of each patch in pixels (after upscale)")
      .optional("gap", ValueType.nonNegativeInt(), 2, "pixels between neighbouring patches")
      .optional("jitter", ValueType.nonNegativeInt(), 1, "largest random shift of each patch per axis, <= gap / 2")
      .optional("upscale", ValueType.integer(1, 16), 1, "integer factor images are enlarged by (bilinear) before cutting")
      .optional("gray-probability", ValueType.probability(), 0.0,
          "probability that an RGB patch is turned grey (against chromatic aberration); no effect on grey images")
      .optional("drop-color-probability", ValueType.probability(), 0.0,
          "probability that two channels of an RGB patch are replaced by faint noise")
      .optional("hidden", ValueType.integer(1, 1 << 20), 128, "hidden width of the default pair head")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Context prediction: where does a neighbouring patch sit, 1 of 8 (Doersch, Gupta, Efros 2015)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    PatchGrid grid = grid(config);
    ChromaticGuard guard = new ChromaticGuard(config.getDouble("gray-probability", 0),
        config.getDouble("drop-color-probability", 0));
    PatchPairSampler sampler = new PatchPairSampler(grid, config.getInt("upscale", 1), guard);
    return new ContextPredictionTask(sampler, config.getInt("hidden", 128));
  }

  /** Refuses a patch grid that does not fit the images the task receives, when their size is known. */
  @Override
  public void checkRun(ConfigNode config, RunFacts run) {
    run.taskImageSize().ifPresent(image -> {
      PatchGrid grid = grid(config);
      int room = image.shorter() * config.getInt("upscale", 1) - 2 * grid.gap() - 2 * grid.jitter();
      GridFit.check(config, "patch", "the 3x3 patch grid", "3*patch + 2*gap + 2*jitter = 3*" + grid.patch() + " + 2*"
          + grid.gap() + " + 2*" + grid.jitter(), grid.side(), Math.floorDiv(room, 3), 1, image);
    });
  }

  private static PatchGrid grid(ConfigNode config) {
    return new PatchGrid(config.getInt("patch", 12), config.getInt("gap", 2), config.getInt("jitter", 1));
  }
}
