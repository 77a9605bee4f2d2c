/**
 * Engine internals: WebDataset-style tar shards of images. {@link io.pretext.core.data.shard.TarShardIndex}
 * finds the samples from the tar headers, {@link io.pretext.core.data.shard.TarShardDataset} streams them
 * (seeded shard order, {@link io.pretext.core.data.shard.ShuffleBuffer}) for the batch workers to decode,
 * and {@link io.pretext.core.data.shard.TarShardWriter} writes shards from an image folder.
 */
package io.pretext.core.data.shard;
