package io.pretext.context;

import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;

/** The plugin registry over everything on the test classpath, found as a run finds it. */
final class Plugins {
  private Plugins() {}

  static PluginRegistry registry() {
    return PluginLoader.discover().createRegistry(new RuntimeSettings(7, 1, "cpu", Path.of("unused")), MetricsSink.NONE);
  }
}
