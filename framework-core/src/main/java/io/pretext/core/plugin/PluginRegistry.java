package io.pretext.core.plugin;

import io.pretext.api.onnx.LayerExporters;
import io.pretext.api.plugin.PluginException;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.plugin.PluginRegistration;
import io.pretext.api.plugin.UnknownPluginException;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.api.config.ConfigSchema;
import io.pretext.core.config.PluginSchemas;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The installed plugins, by kind and name: looks factories up (with "did you mean" for unknown
 * names) and creates plugins from config sections. Built by {@link PluginLoader}.
 */
public final class PluginRegistry implements PluginSchemas {
  private static final TypeLiteral<Map<String, Provider<PluginFactory<?>>>> MAP_TYPE = new TypeLiteral<>() {};
  private final Map<PluginKind, Map<String, Provider<PluginFactory<?>>>> factories = new EnumMap<>(PluginKind.class);
  private final List<PluginRegistration> registrations;
  private final LayerExporters layerExporters;
  private final ComputeEngine engine;

  @Inject
  PluginRegistry(Injector injector, List<PluginRegistration> registrations, LayerExporters layerExporters,
      ComputeEngine engine) {
    for (PluginKind kind : PluginKind.values()) {
      factories.put(kind, injector.getInstance(Key.get(MAP_TYPE, Names.named(kind.id()))));
    }
    this.registrations = registrations;
    this.layerExporters = layerExporters;
    this.engine = engine;
  }

  /**
   * The run's one compute engine and device, the same instance every plugin factory is given: the
   * loop, transfer, export and inference use it too, so that one device is used everywhere.
   */
  public ComputeEngine engine() {
    return engine;
  }

  /** Every registration, in discovery order. */
  public List<PluginRegistration> registrations() {
    return registrations;
  }

  /** The ONNX writer of every layer class the installed plugins register (see {@link PluginLoader#layerExporters()}). */
  public LayerExporters layerExporters() {
    return layerExporters;
  }

  /** The names of one kind's plugins, sorted. */
  public Set<String> names(PluginKind kind) {
    return new TreeSet<>(factories.get(kind).keySet());
  }

  /**
   * The factory for a name.
   *
   * @param where the config path that named it, for the error message (may be null)
   * @throws UnknownPluginException with the known names and the closest match
   */
  public PluginFactory<?> factory(PluginKind kind, String name, String where) {
    Provider<PluginFactory<?>> p = factories.get(kind).get(name);
    if (p == null) {
      throw new UnknownPluginException(kind, name, where, factories.get(kind).keySet());
    }
    try {
      return p.get();
    } catch (ProvisionException e) {
      throw new PluginException("The " + kind.id() + " plugin '" + name + "' could not be built: "
          + e.getCause(), e);
    }
  }

  /**
   * Creates the plugin a validated section names with its {@code name} key.
   *
   * @param type the plugin interface, to check what the factory returned
   */
  public <T> T create(PluginKind kind, Class<T> type, ConfigNode section) {
    String name = section.getString("name");
    Object plugin = factory(kind, name, section.pathOf("name")).create(section);
    if (!type.isInstance(plugin)) {
      throw new PluginException("The " + kind.id() + " plugin '" + name + "' made a "
          + plugin.getClass().getName() + ", not a " + type.getName());
    }
    return type.cast(plugin);
  }

  @Override
  public Optional<ConfigSchema> schema(String kindId, String name) {
    PluginKind kind = PluginKind.byId(kindId).orElseThrow(() -> new IllegalArgumentException("unknown plugin kind " + kindId));
    if (!factories.get(kind).containsKey(name)) {
      return Optional.empty();
    }
    return Optional.of(factory(kind, name, null).schema());
  }

  @Override
  public Set<String> names(String kindId) {
    return names(PluginKind.byId(kindId).orElseThrow(() -> new IllegalArgumentException("unknown plugin kind " + kindId)));
  }
}
