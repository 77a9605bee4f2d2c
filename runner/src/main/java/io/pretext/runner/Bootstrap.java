package io.pretext.runner;

import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;

/**
 * Finds the plugins on the classpath once and wires them with Guice for a run's settings. A
 * registry for validation uses default settings; a run's plugins come from a registry built with
 * the run's own seed, threads and metrics sink.
 */
public final class Bootstrap {
  private final PluginLoader loader;

  public Bootstrap(PluginLoader loader) {
    this.loader = loader;
  }

  /** Discovers the plugins visible to this thread's class loader. */
  public static Bootstrap discover() {
    return new Bootstrap(PluginLoader.discover());
  }

  public PluginLoader loader() {
    return loader;
  }

  /** A registry for listing plugins and validating configs. */
  public PluginRegistry registry() {
    return loader.createRegistry(RuntimeSettings.defaults(), MetricsSink.NONE);
  }

  /** A registry whose factories receive the run's services. */
  public PluginRegistry registry(RuntimeSettings settings, MetricsSink metrics) {
    return loader.createRegistry(settings, metrics);
  }
}
