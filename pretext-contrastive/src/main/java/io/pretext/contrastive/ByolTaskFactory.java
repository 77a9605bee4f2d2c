package io.pretext.contrastive;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code byol} pretext task: {@code {name: byol, momentum: 0.996, predictor: {hidden: [256]}}};
 * two views per image, the projector from the run's {@code head} (default {@link
 * ByolTask#defaultProjector()}).
 */
public final class ByolTaskFactory implements PluginFactory<PretextTask> {
  private static final ConfigSchema PREDICTOR = ConfigSchema.builder()
      .optional("hidden", ValueType.listOf(ValueType.integer(1, 1 << 20)), ByolTask.DEFAULT_PREDICTOR_HIDDEN,
          "hidden layer sizes of the predictor q, each Linear, BatchNorm, ReLU; its output is the projection size")
      .build();
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("momentum", ValueType.probability(), ByolTask.DEFAULT_MOMENTUM,
          "base momentum of the target network's moving average, in [0, 1]; it rises to 1 on a cosine over the run")
      .section(Predictors.KEY, PREDICTOR, "the predictor MLP q applied after the online projector")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "BYOL: online network with predictor regresses an EMA target network's projection (Grill et al. 2020)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    ConfigNode predictor = config.getNode(Predictors.KEY);
    return new ByolTask(config.getDouble("momentum", ByolTask.DEFAULT_MOMENTUM),
        predictor.has("hidden") ? predictor.getLongList("hidden") : ByolTask.DEFAULT_PREDICTOR_HIDDEN);
  }
}
