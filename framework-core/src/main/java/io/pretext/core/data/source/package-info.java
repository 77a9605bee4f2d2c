/**
 * Engine internals: the built-in data-source plugins ({@code fashion-mnist}, {@code mnist}, {@code idx}, {@code
 * image-folder}, {@code image-shards}, {@code text-lines}, {@code labeled-text}, {@code sotu}, {@code sentiment}),
 * registered by {@link io.pretext.core.data.source.DataPlugins}.
 */
package io.pretext.core.data.source;
