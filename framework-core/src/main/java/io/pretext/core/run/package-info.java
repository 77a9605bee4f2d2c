/**
 * Engine internals: the run file. {@link io.pretext.core.run.RunSchema} (its sections),
 * {@link io.pretext.core.run.RunConfigLoader} (YAML + {@code --set}, validated),
 * {@link io.pretext.core.run.RunConfig} and {@link io.pretext.core.run.RunPlugins} (the plugins it names).
 */
package io.pretext.core.run;
