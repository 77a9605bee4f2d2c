/** Engine internals: DJL engine set-up (the {@link io.pretext.api.runtime.ComputeEngine}): offline mode, native cache folder, compute threads. */
package io.pretext.core.engine;
