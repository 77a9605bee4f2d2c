package io.pretext.core.train;

import io.pretext.core.data.Permutations;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.SequentialDataset;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Prepares training batches on a pool of worker threads, a bounded number ahead of the training
 * thread.
 *
 * <p>Each epoch's order is a shuffle seeded by {@code ("shuffle", epoch)}; batch {@code i} of epoch
 * {@code e} is prepared with its own generator {@code ("batch", e, i)} from fresh sample copies, so
 * the batches do not depend on the number of workers or on thread timing. Batches come back in
 * order. A worker's exception is rethrown on the training thread: a {@link PretextUserException}
 * as it is, anything else wrapped in a {@link BatchPreparationException} with it as the cause.
 *
 * <p>A {@link SequentialDataset} (tar shards) is not read by index: one reader thread takes the
 * epoch's {@link SequentialDataset#stream stream}, opened with the generator {@code ("shuffle",
 * epoch)}, and cuts it into batches in order; the workers decode the records and prepare the
 * batches. The order is then the stream's, the same for any number of workers; a resumed epoch
 * reads the stream again and passes over the records of the batches before its position without
 * decoding them. Records that the source skips as bad images leave their batch one sample short.
 */
public final class BatchPrefetcher implements AutoCloseable {
  private final Dataset<?> data;
  private final PretextTask task;
  private final AugmentPipeline augment;
  private final SeedSource seeds;
  private final int batchSize;
  private final boolean dropLast;
  private final int prefetch;
  private final LengthGrouping grouping; // null: plain shuffled batches
  private final ExecutorService pool;
  private final ExecutorService reader; // null unless the data is sequential

  /** One prepared batch and how long the training thread waited for it. */
  public record PreparedBatch(int epoch, int index, TrainingBatch batch, long waitNanos) {}

  /** Batch preparation failed with an unexpected error; the cause is the worker's exception. */
  public static final class BatchPreparationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BatchPreparationException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @param data the samples (read from several threads)
   * @param task makes batches from samples
   * @param augment the augmentation pipeline handed to the task
   * @param seeds the run's seed source
   * @param batchSize samples per batch
   * @param dropLast whether to drop each epoch's last, incomplete batch
   * @param workers threads preparing batches
   * @param prefetch batches prepared ahead of the consumer, at least 1
   */
  public BatchPrefetcher(Dataset<?> data, PretextTask task, AugmentPipeline augment, SeedSource seeds,
      int batchSize, boolean dropLast, int workers, int prefetch) {
    this(data, task, augment, seeds, batchSize, dropLast, workers, prefetch, false);
  }

  /**
   * As above, optionally with batches of similar sample lengths: the shuffled order sorted by
   * length within chunks ({@link LengthGrouping}, lengths from {@link PretextTask#sampleLength()}),
   * cut into batches, and the batches shuffled by the seed stream {@code ("batch-order", epoch)}.
   *
   * @param groupByLength group samples by length; the task must report lengths
   * @throws PretextUserException when grouping is asked for and the task has no sample lengths
   */
  public BatchPrefetcher(Dataset<?> data, PretextTask task, AugmentPipeline augment, SeedSource seeds,
      int batchSize, boolean dropLast, int workers, int prefetch, boolean groupByLength) {
    if (batchSize < 1 || workers < 1 || prefetch < 1) {
      throw new IllegalArgumentException("batchSize, workers and prefetch must be >= 1");
    }
    if (!task.sampleType().isAssignableFrom(data.sampleType())) {
      throw new PretextUserException("The pretext task " + task.getClass().getSimpleName() + " trains on "
          + task.sampleType().getSimpleName() + " samples, but the data set holds "
          + data.sampleType().getSimpleName() + " samples. Choose a data source that fits the task.");
    }
    this.data = data;
    this.task = task;
    this.augment = augment;
    this.seeds = seeds;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.prefetch = prefetch;
    if (groupByLength && data instanceof SequentialDataset) {
      throw new PretextUserException("train.group-by-length is true, but the data source streams its samples"
          + " (" + data.getClass().getSimpleName() + ") and cannot sort them by length. Set train.group-by-length"
          + " to false.");
    }
    this.grouping = groupByLength ? new LengthGrouping(lengths(data, task)) : null;
    this.pool = Executors.newFixedThreadPool(workers, namedDaemons("pretext-batch-"));
    this.reader = data instanceof SequentialDataset ? Executors.newSingleThreadExecutor(namedDaemons("pretext-reader-"))
        : null;
  }

  /**
   * The prefetcher pretraining uses: batch size, drop-last, prefetch depth and length grouping
   * from the run's {@code train} settings, with the given number of workers ({@code
   * train.workers} in a run, each count in turn in {@code pretext data throughput}).
   */
  public static BatchPrefetcher forTraining(Dataset<?> data, PretextTask task, AugmentPipeline augment,
      SeedSource seeds, TrainSettings settings, int workers) {
    return new BatchPrefetcher(data, task, augment, seeds, settings.batchSize(), settings.dropLast(), workers,
        settings.prefetch(), settings.groupByLength());
  }

  private static int[] lengths(Dataset<?> data, PretextTask task) {
    ToIntFunction<Object> length = task.sampleLength().orElseThrow(() -> new PretextUserException(
        "train.group-by-length is true, but the pretext task " + task.getClass().getSimpleName()
            + " has samples of one size only. Set train.group-by-length to false."));
    int[] out = new int[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = length.applyAsInt(data.get(i));
    }
    return out;
  }

  /** Batches in one epoch. */
  public int batchesPerEpoch() {
    int n = data.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /**
   * The sample indices of each batch of an epoch, in order: a seeded shuffle cut into batches;
   * with length grouping, sorted by length within chunks before the cut and the batches shuffled.
   */
  public List<int[]> plan(int epoch) {
    int[] order = Permutations.of(data.size(), seeds.generator("shuffle", epoch));
    if (grouping != null) {
      order = grouping.sortedWithinChunks(order, batchSize);
    }
    List<int[]> batches = new ArrayList<>();
    for (int b = 0; b < batchesPerEpoch(); b++) {
      int from = b * batchSize;
      batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
    }
    if (grouping == null) {
      return batches;
    }
    int[] batchOrder = Permutations.of(batches.size(), seeds.generator("batch-order", epoch));
    return Arrays.stream(batchOrder).mapToObj(batches::get).toList();
  }

  /**
   * Starts preparing an epoch's batches. Close the returned iterator when leaving an epoch early
   * (e.g. at max-steps) to cancel the batches prepared ahead.
   */
  public Epoch epoch(int epoch) {
    return epoch(epoch, 0);
  }

  /**
   * As {@link #epoch(int)}, starting at batch {@code from} of the epoch's plan (a resumed run): the
   * batches before it are neither prepared nor returned, and the rest are those of the whole epoch.
   */
  public Epoch epoch(int epoch, int from) {
    if (data instanceof SequentialDataset<?> sequential) {
      return new Epoch(epoch, new StreamedBatches(epoch, sequential, from), from);
    }
    return new Epoch(epoch, new IndexedBatches(epoch, plan(epoch)), from);
  }

  /** Stops the workers, waiting briefly for running preparations. */
  @Override
  public void close() {
    pool.shutdownNow();
    if (reader != null) {
      reader.shutdown();
    }
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)
          || (reader != null && !reader.awaitTermination(10, TimeUnit.SECONDS))) {
        throw new IllegalStateException("batch workers did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TrainingBatch prepare(int epoch, int index, int[] indices) {
    List<Object> samples = new ArrayList<>(indices.length);
    for (int i : indices) {
      samples.add(data.get(i));
    }
    TrainingBatch batch = task.prepareBatch(samples, augment, seeds.generator("batch", epoch, index));
    if (batch == null) {
      throw new IllegalStateException(task.getClass().getName() + ".prepareBatch returned null");
    }
    return batch;
  }

  /** Decodes streamed records on a worker (dropping those skipped as bad) and prepares their batch. */
  private TrainingBatch prepareRecords(int epoch, int index, List<? extends SequentialDataset.Record<?>> records) {
    List<Object> samples = new ArrayList<>(records.size());
    for (SequentialDataset.Record<?> r : records) {
      Optional<?> sample = r.decode();
      sample.ifPresent(samples::add);
    }
    if (samples.isEmpty()) {
      throw new PretextUserException("Every sample of batch " + index + " of epoch " + epoch + " was skipped as a bad"
          + " image (first: " + records.get(0).name() + "). Check the data: too many of its images do not decode.");
    }
    TrainingBatch batch = task.prepareBatch(samples, augment, seeds.generator("batch", epoch, index));
    if (batch == null) {
      throw new IllegalStateException(task.getClass().getName() + ".prepareBatch returned null");
    }
    return batch;
  }

  private static ThreadFactory namedDaemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Where an epoch's batches come from: started one by one, in order. */
  private interface BatchSource {
    int size();

    Future<TrainingBatch> start(int index);

    /** Releases what the source holds once no more batches are started. */
    void close();
  }

  /** An indexed dataset's batches: each worker gets its batch's indices from the plan. */
  private final class IndexedBatches implements BatchSource {
    private final int epoch;
    private final List<int[]> plan;

    IndexedBatches(int epoch, List<int[]> plan) {
      this.epoch = epoch;
      this.plan = plan;
    }

    @Override
    public int size() {
      return plan.size();
    }

    @Override
    public Future<TrainingBatch> start(int index) {
      int[] indices = plan.get(index);
      return pool.submit(() -> prepare(epoch, index, indices));
    }

    @Override
    public void close() {}
  }

  /**
   * A sequential dataset's batches: the reader thread takes each batch's records from the stream in
   * order (the stream is opened, and a resumed epoch's earlier records passed over, by the first
   * read); a worker then decodes and prepares the batch.
   */
  private final class StreamedBatches implements BatchSource {
    private final int epoch;
    private final SequentialDataset<?> data;
    private final int from;
    private SequentialDataset.Stream<?> stream; // used on the reader thread only

    StreamedBatches(int epoch, SequentialDataset<?> data, int from) {
      this.epoch = epoch;
      this.data = data;
      this.from = from;
    }

    @Override
    public int size() {
      return batchesPerEpoch();
    }

    @Override
    public Future<TrainingBatch> start(int index) {
      int count = Math.min(batchSize, data.size() - index * batchSize);
      return CompletableFuture.supplyAsync(() -> read(index, count), reader)
          .thenApplyAsync(records -> prepareRecords(epoch, index, records), pool);
    }

    private List<SequentialDataset.Record<?>> read(int index, int count) {
      if (stream == null) {
        stream = data.stream(seeds.generator("shuffle", epoch));
        for (long skip = (long) from * batchSize; skip > 0; skip--) {
          next(index);
        }
      }
      List<SequentialDataset.Record<?>> records = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        records.add(next(index));
      }
      return records;
    }

    private SequentialDataset.Record<?> next(int index) {
      if (!stream.hasNext()) {
        throw new IllegalStateException(data.getClass().getName() + "'s stream ended before batch " + index
            + " of epoch " + epoch + ": it must yield all " + data.size() + " samples");
      }
      return stream.next();
    }

    @Override
    public void close() {
      Runnable closeStream = () -> {
        if (stream != null) {
          stream.close();
        }
      };
      try {
        reader.execute(closeStream); // after the reads already queued
      } catch (RejectedExecutionException stopped) {
        closeStream.run();
      }
    }
  }

  /** The batches of one epoch, in order, each prepared ahead on the worker pool. */
  public final class Epoch implements Iterator<PreparedBatch>, AutoCloseable {
    private final int epoch;
    private final BatchSource plan;
    private final Deque<Future<TrainingBatch>> ahead = new ArrayDeque<>();
    private int submitted;
    private int taken;
    private boolean closed;

    private Epoch(int epoch, BatchSource plan, int from) {
      if (from < 0 || from > plan.size()) {
        throw new IllegalArgumentException("batch " + from + " is outside epoch " + epoch + " of " + plan.size());
      }
      this.epoch = epoch;
      this.plan = plan;
      this.submitted = from;
      this.taken = from;
      fill();
    }

    /** How many batches this epoch has. */
    public int size() {
      return plan.size();
    }

    @Override
    public boolean hasNext() {
      return taken < plan.size();
    }

    /** Waits for the next batch; rethrows a worker's failure. */
    @Override
    public PreparedBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Future<TrainingBatch> head = ahead.removeFirst();
      int index = taken++;
      long start = System.nanoTime();
      TrainingBatch batch;
      try {
        batch = head.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new CancellationException("interrupted while waiting for batch " + index + " of epoch " + epoch);
      } catch (ExecutionException e) {
        close();
        throw rethrown(index, e.getCause());
      }
      long waited = System.nanoTime() - start;
      fill();
      return new PreparedBatch(epoch, index, batch, waited);
    }

    /** Cancels the batches prepared ahead. */
    @Override
    public void close() {
      for (Future<TrainingBatch> f : ahead) {
        f.cancel(true);
      }
      ahead.clear();
      submitted = plan.size();
      release();
    }

    private void fill() {
      while (submitted < plan.size() && ahead.size() < prefetch) {
        ahead.addLast(plan.start(submitted++));
      }
      if (submitted == plan.size()) {
        release();
      }
    }

    private void release() {
      if (!closed) {
        closed = true;
        plan.close();
      }
    }

    private RuntimeException rethrown(int index, Throwable cause) {
      if (cause instanceof PretextUserException user) {
        return user;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      return new BatchPreparationException("Preparing batch " + index + " of epoch " + epoch + " failed: " + cause,
          cause);
    }
  }
}
