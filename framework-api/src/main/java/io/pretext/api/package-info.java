/**
 * Pretext's framework API: the only compile dependency of a plugin.
 *
 * <p>Sub-packages, in dependency order: {@code config} (YAML runs and their validation), {@code
 * data} (datasets, readers and the fetcher), {@code spi} (the plugin interfaces), {@code plugin}
 * (discovery through ServiceLoader and Guice wiring), {@code engine} (DJL set-up) and {@code
 * train} (the pretraining loop shared by every pretext task).
 */
package io.pretext.api;
