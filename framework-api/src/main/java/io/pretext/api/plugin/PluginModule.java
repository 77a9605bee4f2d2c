package io.pretext.api.plugin;

import ai.djl.nn.Block;
import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import io.pretext.api.onnx.LayerExporter;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of a plugin jar: a Guice module that declares named factories.
 *
 * <p>List the subclass in {@code META-INF/services/io.pretext.api.plugin.PluginModule}; {@code
 * PluginLoader} finds it with {@link java.util.ServiceLoader}. Each factory is bound into a Guice
 * map, one per {@link PluginKind}; the ONNX writer of each layer the plugin brings is registered
 * beside them ({@link PluginRegistrar#layerExporter}). Built-in plugins go through the same path.
 *
 * <pre>{@code
 * public final class MyPlugins extends PluginModule {
 *   protected void declare(PluginRegistrar plugins) {
 *     plugins.pretextTask("rotation", RotationTaskFactory.class);
 *     plugins.layerExporter(ScaledTanh.class, new ScaledTanhExporter()); // a layer it brings
 *   }
 * }
 * }</pre>
 *
 * <p>A module needs a public no-argument constructor. Services a factory needs beyond those the
 * framework binds may be bound in {@link #configureServices()}.
 */
public abstract class PluginModule extends AbstractModule {

  /** Declares this module's factories. Called once for discovery and once for wiring. */
  protected abstract void declare(PluginRegistrar plugins);

  /** Extra Guice bindings the module's factories need; none by default. */
  protected void configureServices() {}

  /** The factories this module declares, in declaration order. */
  public final List<PluginRegistration> registrations() {
    return declared().factories;
  }

  /** The ONNX writers of layers this module declares, in declaration order. */
  public final List<LayerExporterRegistration<?>> layerExporters() {
    return declared().layerExporters;
  }

  private Declarations declared() {
    Declarations d = new Declarations();
    declare(d);
    return d;
  }

  /** Collects one run of {@link #declare}, checking each entry. */
  private final class Declarations implements PluginRegistrar {
    final List<PluginRegistration> factories = new ArrayList<>();
    final List<LayerExporterRegistration<?>> layerExporters = new ArrayList<>();

    @Override
    public void register(PluginKind kind, String name, Class<? extends PluginFactory<?>> factory) {
      if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) {
        throw new IllegalArgumentException(PluginModule.this.getClass().getName() + " registers the " + kind.id()
            + " name '" + name + "': names are lower case letters, digits, '.', '_' and '-'");
      }
      if (!PluginFactory.class.isAssignableFrom(factory)) {
        throw new IllegalArgumentException(factory.getName() + " is not a PluginFactory");
      }
      factories.add(new PluginRegistration(kind, name, factory, PluginModule.this.getClass()));
    }

    @Override
    public <B extends Block> void layerExporter(Class<B> layer, LayerExporter<B> exporter) {
      layerExporters.add(new LayerExporterRegistration<>(layer, exporter, PluginModule.this.getClass()));
    }
  }

  @Override
  protected final void configure() {
    for (PluginRegistration r : registrations()) {
      mapFor(r.kind()).addBinding(r.name()).to(r.factoryClass());
    }
    configureServices();
  }

  private MapBinder<String, PluginFactory<?>> mapFor(PluginKind kind) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), FACTORY_TYPE, Names.named(kind.id()));
  }

  /** The value type of every plugin map: the map for a kind is annotated {@code @Named(kind.id())}. */
  public static final TypeLiteral<PluginFactory<?>> FACTORY_TYPE = new TypeLiteral<>() {};
}
