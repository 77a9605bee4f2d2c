package io.pretext.core.plugin;

import io.pretext.api.onnx.LayerExporters;
import io.pretext.api.plugin.DuplicateLayerExporterException;
import io.pretext.api.plugin.DuplicatePluginException;
import io.pretext.api.plugin.LayerExporterRegistration;
import io.pretext.api.plugin.PluginException;
import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistration;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds every {@link PluginModule} on the classpath through {@link ServiceLoader}, refuses
 * duplicate names and duplicate layer writers (naming both origins), collects the layer writers
 * into one {@link LayerExporters}, and wires the modules with Guice into a {@link PluginRegistry}.
 */
public final class PluginLoader {
  private final List<PluginModule> modules;
  private final List<PluginRegistration> registrations;
  private final LayerExporters layerExporters;

  /** Uses the given modules, in order. */
  public PluginLoader(List<? extends PluginModule> modules) {
    this.modules = List.copyOf(modules);
    this.registrations = checkedRegistrations(this.modules);
    this.layerExporters = checkedLayerExporters(this.modules);
  }

  /** Discovers the modules listed under {@code META-INF/services} of the class loader. */
  public static PluginLoader discover(ClassLoader classLoader) {
    List<PluginModule> found = new ArrayList<>();
    try {
      for (PluginModule m : ServiceLoader.load(PluginModule.class, classLoader)) {
        found.add(m);
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginException("A plugin jar is broken: " + e.getMessage()
          + ". Each line of META-INF/services/" + PluginModule.class.getName()
          + " must name a public PluginModule subclass with a public no-argument constructor.", e);
    }
    return new PluginLoader(found);
  }

  /** Discovers the modules visible to this thread's context class loader. */
  public static PluginLoader discover() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return discover(cl != null ? cl : PluginLoader.class.getClassLoader());
  }

  public List<PluginModule> modules() {
    return modules;
  }

  /** Every factory every module declares, duplicates refused. */
  public List<PluginRegistration> registrations() {
    return registrations;
  }

  /**
   * The ONNX writer of every layer class any module registers: the set the exporter writes with
   * and the export check accepts.
   */
  public LayerExporters layerExporters() {
    return layerExporters;
  }

  /**
   * Builds the Guice injector with the framework's services and every module, and returns the
   * registry over it.
   *
   * @param extra further modules, e.g. bindings a caller adds for its own services
   */
  public PluginRegistry createRegistry(RuntimeSettings settings, MetricsSink metrics, Module... extra) {
    List<Module> all = new ArrayList<>();
    all.add(new CoreModule(settings, metrics, registrations, layerExporters));
    all.addAll(modules);
    all.addAll(List.of(extra));
    try {
      Injector injector = Guice.createInjector(Stage.DEVELOPMENT, all);
      return injector.getInstance(PluginRegistry.class);
    } catch (CreationException e) {
      throw new PluginException("Plugin wiring failed: " + e.getMessage(), e);
    }
  }

  private static List<PluginRegistration> checkedRegistrations(List<PluginModule> modules) {
    List<PluginRegistration> all = new ArrayList<>();
    Map<String, PluginRegistration> seen = new HashMap<>();
    for (PluginModule m : modules) {
      for (PluginRegistration r : m.registrations()) {
        PluginRegistration before = seen.putIfAbsent(r.kind().id() + "/" + r.name(), r);
        if (before != null) {
          throw new DuplicatePluginException(before, r);
        }
        all.add(r);
      }
    }
    return List.copyOf(all);
  }

  private static LayerExporters checkedLayerExporters(List<PluginModule> modules) {
    LayerExporters all = LayerExporters.empty();
    Map<Class<?>, LayerExporterRegistration<?>> seen = new HashMap<>();
    for (PluginModule m : modules) {
      for (LayerExporterRegistration<?> r : m.layerExporters()) {
        LayerExporterRegistration<?> before = seen.putIfAbsent(r.layer(), r);
        if (before != null) {
          throw new DuplicateLayerExporterException(before, r);
        }
        all = r.addTo(all);
      }
    }
    return all;
  }
}
