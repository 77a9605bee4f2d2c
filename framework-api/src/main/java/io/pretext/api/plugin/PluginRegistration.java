package io.pretext.api.plugin;

import java.net.URL;
import java.security.CodeSource;

/**
 * One named factory contributed by a plugin module, with where it came from.
 *
 * @param kind the plugin kind
 * @param name the name a run uses to select it
 * @param factoryClass the factory Guice builds
 * @param moduleClass the module that registered it
 */
public record PluginRegistration(
    PluginKind kind, String name, Class<? extends PluginFactory<?>> factoryClass, Class<?> moduleClass) {

  /** The jar (or class folder) the module was loaded from, and the module class. */
  public String origin() {
    return location(moduleClass) + " (" + moduleClass.getName() + ")";
  }

  static String location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL url = source == null ? null : source.getLocation();
    return url == null ? "unknown location" : url.getPath();
  }
}
