/**
 * Contract: how a plugin jar registers itself. Its {@link io.pretext.api.plugin.PluginModule}
 * (found through {@code ServiceLoader}) declares named {@link io.pretext.api.plugin.PluginFactory}s
 * of each {@link io.pretext.api.plugin.PluginKind} to a {@link io.pretext.api.plugin.PluginRegistrar};
 * a name given twice or unknown is a {@link io.pretext.api.plugin.PluginException}. Loading and
 * wiring are the engine's.
 */
package io.pretext.api.plugin;
