package io.pretext.downstream;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.transfer.DownstreamEvaluator;
import java.util.function.Function;

/** What every downstream evaluator factory is: a schema, a one-line description and a constructor. */
abstract class EvaluatorFactory implements PluginFactory<DownstreamEvaluator> {
  private final ConfigSchema schema;
  private final String description;
  private final Function<ConfigNode, DownstreamEvaluator> make;

  EvaluatorFactory(ConfigSchema schema, String description, Function<ConfigNode, DownstreamEvaluator> make) {
    this.schema = schema;
    this.description = description;
    this.make = make;
  }

  @Override
  public final ConfigSchema schema() {
    return schema;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final DownstreamEvaluator create(ConfigNode config) {
    return make.apply(config);
  }
}
