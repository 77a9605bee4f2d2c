/**
 * Contract helper: {@link io.pretext.api.io.AtomicFiles}, writing a file completely or not at
 * all, for whatever a plugin saves into the run directory.
 */
package io.pretext.api.io;
