package io.pretext.api.data;

import java.util.Iterator;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A dataset kept as encoded records that are best read front to back, such as tar shards. The
 * pretraining loop reads one epoch through {@link #stream(RandomGenerator)} on a single reader
 * thread, in the order the stream gives, and decodes the records on its batch workers
 * ({@link Record#decode()}). Indexed access ({@link #get(int)}) still works, for the labeled side
 * and for probes, but it is not how training reads the data.
 *
 * <p>The contract of {@link #stream(RandomGenerator)}: the stream yields each of the
 * {@link #size()} samples exactly once, and its order depends on the generator only, so the same
 * seed gives the same order for any number of workers, and a resumed run reaches a position in
 * an epoch by reading the stream again up to it (records it passes are not decoded).
 *
 * @param <S> the sample type
 */
public interface SequentialDataset<S> extends Dataset<S> {

  /** A fresh stream over one epoch, every sample once, in an order drawn from {@code random}. */
  Stream<S> stream(RandomGenerator random);

  /** The same records seen as unlabeled, still sequential. */
  @Override
  SequentialDataset<S> unlabeled();

  /** One epoch's records, in order; read on one thread. Closing releases the open files. */
  interface Stream<S> extends Iterator<Record<S>>, AutoCloseable {
    @Override
    void close();
  }

  /** One encoded sample as read from storage; decoding is left to whoever needs the sample. */
  interface Record<S> {
    /** Where the record is, for messages: e.g. {@code shard-000003.tar: 000123.jpg}. */
    String name();

    /**
     * The decoded sample; empty when it does not decode and the source skips (and counts) such
     * records, else a {@link DataException} naming the record.
     */
    Optional<S> decode();
  }
}
