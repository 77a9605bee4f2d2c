package io.pretext.testkit;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.plugin.RunFacts;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.run.RunPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plugins on the test classpath, found and wired as {@code pretext} finds them (ServiceLoader,
 * Guice), with run files checked as {@code pretext config check} checks them: a plugin's tests use
 * it to see that the jar registers its names and that its schema accepts and rejects what it should.
 *
 * <pre>{@code
 * InstalledPlugins plugins = InstalledPlugins.discover();
 * assertTrue(plugins.names(PluginKind.PRETEXT_TASK).contains("rotation"));
 * PretextTask task = plugins.pretextTask("""
 *     data: {name: idx, train-images: unused.idx}
 *     pretext: {name: rotation, hidden: 64}
 *     encoder: mlp
 *     """);
 * }</pre>
 */
public final class InstalledPlugins {
  private final PluginRegistry registry;

  private InstalledPlugins(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * Finds every plugin module on the classpath.
   *
   * @throws io.pretext.api.plugin.PluginException when two plugins share a name, or wiring fails
   */
  public static InstalledPlugins discover() {
    return new InstalledPlugins(PluginLoader.discover()
        .createRegistry(new RuntimeSettings(0, KitEngine.THREADS, "cpu", Path.of("unused-data-cache")), MetricsSink.NONE));
  }

  /** The names of one kind's plugins, sorted, as {@code pretext plugins} lists them. */
  public Set<String> names(PluginKind kind) {
    return registry.names(kind);
  }

  /** The one-line description {@code pretext plugins} shows for a plugin. */
  public String description(PluginKind kind, String name) {
    return registry.factory(kind, name, null).description();
  }

  /**
   * Validates a run file's text against the run schema and every named plugin's schema.
   *
   * @return the resolved run, every default filled in
   * @throws ConfigException listing every problem with its key path and line, as {@code pretext config check} prints it
   */
  public ConfigNode checkRunFile(String yaml) {
    return load(yaml).root();
  }

  /**
   * The pretext task a run file names, created from its validated {@code pretext} section as a run
   * creates it, and checked against the rest of the file ({@code PluginFactory.checkRun}) with the
   * size of the images the task would receive (the data source's through the {@code augment} list).
   *
   * @throws ConfigException when the file is not valid, or the factory rejects the section
   */
  public PretextTask pretextTask(String yaml) {
    RunConfig run = load(yaml);
    ConfigNode section = run.pretext().orElseThrow(() -> ConfigException.at("pretext", "required section is missing"));
    PretextTask task = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class, section);
    DataSource data = registry.create(PluginKind.DATA_SOURCE, DataSource.class, run.data());
    RunFacts facts = RunPlugins.facts(run, data, RunPlugins.pipeline(run.augment(), registry, Optional.of(data)));
    registry.factory(PluginKind.PRETEXT_TASK, section.getString("name"), section.pathOf("name")).checkRun(section, facts);
    return task;
  }

  private RunConfig load(String yaml) {
    return new RunConfigLoader(registry).load("run.yaml", yaml, List.of());
  }
}
