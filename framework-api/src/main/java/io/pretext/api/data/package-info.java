/**
 * Contract: the data types plugins exchange. A data source gives
 * {@link io.pretext.api.data.DataSplits} of {@link io.pretext.api.data.Dataset}s
 * ({@link io.pretext.api.data.ImageDataset} of {@link io.pretext.api.data.Image}s,
 * {@link io.pretext.api.data.TextDataset}); a {@link io.pretext.api.data.SequentialDataset} is also
 * read as a stream of encoded records (tar shards) that the batch workers decode; a data set that
 * skips undecodable images counts them ({@link io.pretext.api.data.SkipsBadImages}); unusable data is a
 * {@link io.pretext.api.data.DataException}. {@link io.pretext.api.data.Datasets} and
 * {@link io.pretext.api.data.Splits} are helpers over them. The readers and the fetcher are the
 * engine's.
 */
package io.pretext.api.data;
