package io.pretext.core.data.shard;

/**
 * Where one sample of a tar shard is: its shard, its key, the image entry's name and the byte
 * range of its content, and its label (-1 when unlabeled).
 */
public record ShardSample(int shard, String key, String imageEntry, long offset, int length, int label) {}
