package io.pretext.core.plugin;

import io.pretext.api.plugin.PluginKind;
import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistration;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import java.util.List;

/**
 * The framework's own bindings: shared services (settings, seeds, metrics sink, engine and device)
 * and one (possibly empty) factory map per kind.
 */
final class CoreModule extends AbstractModule {
  private final RuntimeSettings settings;
  private final MetricsSink metrics;
  private final List<PluginRegistration> registrations;

  CoreModule(RuntimeSettings settings, MetricsSink metrics, List<PluginRegistration> registrations) {
    this.settings = settings;
    this.metrics = metrics;
    this.registrations = registrations;
  }

  @Override
  protected void configure() {
    bind(RuntimeSettings.class).toInstance(settings);
    bind(MetricsSink.class).toInstance(metrics);
    bind(SeedSource.class).toInstance(new SeedSource(settings.seed()));
    EngineSetup engine = new EngineSetup(settings); // the run's one engine and device
    bind(EngineSetup.class).toInstance(engine);
    bind(ComputeEngine.class).toInstance(engine);
    bind(new TypeLiteral<List<PluginRegistration>>() {}).toInstance(registrations);
    for (PluginKind kind : PluginKind.values()) {
      MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.FACTORY_TYPE, Names.named(kind.id()));
    }
  }
}
