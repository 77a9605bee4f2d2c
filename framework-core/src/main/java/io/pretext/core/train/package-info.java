/**
 * Engine internals: the shared pretraining machinery: settings, run directory, metrics, checkpoints, batch
 * prefetching and the training loop.
 */
package io.pretext.core.train;
