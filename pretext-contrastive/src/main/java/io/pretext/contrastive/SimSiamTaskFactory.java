package io.pretext.contrastive;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code simsiam} pretext task: {@code {name: simsiam, predictor: {hidden: [64]}}}; two views
 * per image, the projector from the run's {@code head} (default {@link
 * SimSiamTask#defaultProjector()}).
 */
public final class SimSiamTaskFactory implements PluginFactory<PretextTask> {
  private static final ConfigSchema PREDICTOR = ConfigSchema.builder()
      .optional("hidden", ValueType.listOf(ValueType.integer(1, 1 << 20)), SimSiamTask.DEFAULT_PREDICTOR_HIDDEN,
          "hidden layer sizes of the predictor h, each Linear, BatchNorm, ReLU (the paper: one bottleneck layer,"
              + " 1/4 of the projection size); its output is always the projection size")
      .build();
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .section("predictor", PREDICTOR, "the predictor MLP h applied after the projector")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "SimSiam: two views, projector and predictor, negative cosine with stop-gradient (Chen and He 2021)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    ConfigNode predictor = config.getNode("predictor");
    return new SimSiamTask(predictor.has("hidden") ? predictor.getLongList("hidden")
        : SimSiamTask.DEFAULT_PREDICTOR_HIDDEN);
  }
}
