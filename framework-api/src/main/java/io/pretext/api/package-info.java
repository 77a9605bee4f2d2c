/**
 * Contract: Pretext's framework API, the only compile dependency of a plugin, and
 * {@link io.pretext.api.PretextUserException}, the error a user can fix.
 *
 * <p>Each sub-package says in its first words whether it is contract (what a plugin implements,
 * registers, is given or exchanges: {@code spi}, {@code plugin}, {@code config}, {@code runtime},
 * {@code data}, {@code transfer}, {@code nn.layers}) or a contract helper (code a plugin may use,
 * so that plugins need not depend on each other: {@code text}, {@code train}, {@code io}). The
 * engine behind it is framework-core ({@code io.pretext.core}), which no plugin compiles against.
 */
package io.pretext.api;
