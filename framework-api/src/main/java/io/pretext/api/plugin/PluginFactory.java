package io.pretext.api.plugin;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;

/**
 * Creates one named plugin from its config section. Factories are built by Guice, so shared
 * services ({@link io.pretext.api.runtime.SeedSource}, {@link io.pretext.api.runtime.MetricsSink},
 * {@link io.pretext.api.runtime.RuntimeSettings}, {@link io.pretext.core.engine.EngineSetup} for the engine
 * and device) come through an
 * {@code @Inject} constructor.
 *
 * @param <T> the plugin interface, e.g. {@link io.pretext.api.spi.Encoder}
 */
public interface PluginFactory<T> {

  /**
   * The keys the plugin's section accepts besides {@code name} (and {@code p} for augmenters),
   * used to validate the run before any work.
   */
  ConfigSchema schema();

  /** One line for {@code pretext plugins}. */
  String description();

  /**
   * Creates the plugin. The section has been validated against {@link #schema()} and holds every
   * default; a value the schema cannot check (e.g. two keys that must agree) is rejected here
   * with a {@link io.pretext.api.config.ConfigException} naming the key.
   */
  T create(ConfigNode config);

  /**
   * Checks the plugin's section against the rest of the run, for a rule that spans sections (e.g.
   * a MoCo queue that must hold at least the keys one step pushes, which {@code train.batch-size}
   * decides, or a tile grid that must fit the images the task receives). The run's checks ({@code
   * pretext config check}, and every run before any work) call it after {@link #create} with the
   * same section; plugins built outside a run file are not checked. Nothing by default.
   *
   * @param config the plugin's validated section, as {@link #create} received it
   * @param run the whole validated run and what is known of its samples
   * @throws io.pretext.api.config.ConfigException naming the key at fault ({@code config.pathOf(key)})
   *     and the other section's key or size it disagrees with
   */
  default void checkRun(ConfigNode config, RunFacts run) {}
}
