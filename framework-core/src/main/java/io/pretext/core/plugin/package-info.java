/**
 * Engine internals: plugin discovery and wiring. {@link io.pretext.core.plugin.PluginLoader} finds
 * every {@link io.pretext.api.plugin.PluginModule} through {@code ServiceLoader}, refuses duplicate
 * names, and {@link io.pretext.core.plugin.PluginRegistry} creates plugins by kind and name through
 * Guice ({@link io.pretext.core.plugin.CoreModule} binds the shared services).
 */
package io.pretext.core.plugin;
