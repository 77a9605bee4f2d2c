/**
 * Engine internals: validation of a run's sections against their schemas
 * ({@link io.pretext.core.config.ConfigValidator}, {@link io.pretext.core.config.PluginSchemas}) and
 * safe YAML reading ({@link io.pretext.core.config.YamlSafety}).
 */
package io.pretext.core.config;
