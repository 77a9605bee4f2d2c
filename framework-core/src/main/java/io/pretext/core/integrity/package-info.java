/**
 * Engine internals: the integrity of a run's files: the sha256 manifest, corrupt-file errors and
 * write failures (a full disk) that name the path.
 */
package io.pretext.core.integrity;
