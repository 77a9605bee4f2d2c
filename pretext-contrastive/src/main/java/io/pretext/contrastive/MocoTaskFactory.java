package io.pretext.contrastive;

import com.google.inject.Inject;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.RunFacts;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code moco} pretext task (v2): {@code {name: moco, momentum: 0.99, queue-size: 4096,
 * temperature: 0.2}}; two views per image, the MLP head from the run's {@code head} (default
 * {@link MocoTask#defaultProjector()}). The run's check refuses a queue smaller than the 2 ×
 * {@code train.batch-size} keys each step pushes.
 */
public final class MocoTaskFactory implements PluginFactory<PretextTask> {
  private static final ConfigSchema SCHEMA = Predictors.refuse(ConfigSchema.builder()
      .optional("momentum", ValueType.probability(), MocoTask.DEFAULT_MOMENTUM,
          "momentum m of the key encoder's moving average, in [0, 1] (the paper: 0.999 over 200 ImageNet epochs)")
      .optional("queue-size", ValueType.integer(1, 1 << 24), MocoTask.DEFAULT_QUEUE_SIZE,
          "K, keys of earlier batches kept as negatives; at least 2 x train.batch-size (each step pushes both views' keys)")
      .optional("temperature", ValueType.positiveReal(), MocoInfoNceLoss.DEFAULT_TEMPERATURE,
          "InfoNCE temperature tau (MoCo v1: 0.07, v2: 0.2)"), "moco")
      .build();

  private final SeedSource seeds;

  @Inject
  public MocoTaskFactory(SeedSource seeds) {
    this.seeds = seeds;
  }

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "MoCo v2: momentum key encoder, a queue of negative keys, InfoNCE (Chen, Fan, Girshick, He 2020)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new MocoTask(config.getDouble("momentum", MocoTask.DEFAULT_MOMENTUM),
        config.getInt("queue-size", MocoTask.DEFAULT_QUEUE_SIZE),
        config.getDouble("temperature", MocoInfoNceLoss.DEFAULT_TEMPERATURE), seeds);
  }

  /** @throws ConfigException when the queue holds fewer keys than one step pushes, 2 × {@code train.batch-size} */
  @Override
  public void checkRun(ConfigNode config, RunFacts run) {
    ConfigNode train = run.config().getNode("train");
    long queue = config.getInt("queue-size", MocoTask.DEFAULT_QUEUE_SIZE);
    long pushed = 2L * train.getInt("batch-size");
    if (queue < pushed) {
      throw ConfigException.at(config.pathOf("queue-size"), "a queue of " + queue + " keys is smaller than the batch:"
          + " each step pushes the keys of both views, 2 x " + train.pathOf("batch-size") + " " + train.getInt("batch-size")
          + " = " + pushed + ". Set queue-size to at least " + pushed + " (a multiple of it, e.g. " + 8 * pushed
          + ", keeps several batches of negatives) or lower the batch size");
    }
  }
}
