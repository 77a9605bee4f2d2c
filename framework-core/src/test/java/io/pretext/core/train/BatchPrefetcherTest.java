package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Augmenter;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.testplugin.RotationTask;
import io.pretext.core.testplugin.TinyImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {
  private static final TinyImages DATA = new TinyImages(20, 4, 1);

  /** An augmenter that adds seeded noise, so batches depend on their generators. */
  private static final AugmentPipeline NOISE = new AugmentPipeline(List.of(new AugmentPipeline.Step("noise",
      new Augmenter<Image>() {
        @Override
        public Class<Image> sampleType() {
          return Image.class;
        }

        @Override
        public Image apply(Image image, RandomGenerator random) {
          float[] px = image.pixels();
          for (int i = 0; i < px.length; i++) {
            px[i] += (float) random.nextGaussian();
          }
          return image;
        }
      }, 0.5)));

  private static List<float[]> epochs(int workers, int prefetch) {
    List<float[]> out = new ArrayList<>();
    try (BatchPrefetcher p = new BatchPrefetcher(DATA, new RotationTask(), NOISE, new SeedSource(5), 3, false,
        workers, prefetch)) {
      for (int e = 1; e <= 2; e++) {
        try (BatchPrefetcher.Epoch epoch = p.epoch(e)) {
          assertEquals(7, epoch.size());
          while (epoch.hasNext()) {
            out.add(epoch.next().batch().inputs().get(0).floats());
          }
        }
      }
    }
    return out;
  }

  @Test
  void batchesDoNotDependOnWorkerCountOrPrefetch() {
    List<float[]> one = epochs(1, 1);
    List<float[]> many = epochs(4, 3);
    assertEquals(14, one.size());
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), many.get(i), "batch " + i);
    }
    assertEquals(3 * 4 * 16, one.get(0).length);
    assertEquals(2 * 4 * 16, one.get(6).length, "drop-last false keeps the short last batch");
  }

  @Test
  void eachEpochHasItsOwnShuffleCoveringEverySample() {
    try (BatchPrefetcher p = new BatchPrefetcher(DATA, new RotationTask(), NOISE, new SeedSource(5), 3, true, 1, 1)) {
      assertEquals(6, p.batchesPerEpoch());
      List<int[]> e1 = p.plan(1);
      List<int[]> e2 = p.plan(2);
      assertNotEquals(Arrays.toString(e1.get(0)), Arrays.toString(e2.get(0)));
      int[] all = e1.stream().flatMapToInt(Arrays::stream).sorted().distinct().toArray();
      assertEquals(18, all.length);
      assertArrayEquals(e1.get(3), p.plan(1).get(3));
    }
  }

  @Test
  void workerFailuresReachTheTrainingThreadWithTheirCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    try (BatchPrefetcher p = new BatchPrefetcher(DATA, new Failing(2, boom), NOISE, new SeedSource(5), 4, true, 2, 2);
        BatchPrefetcher.Epoch epoch = p.epoch(1)) {
      epoch.next();
      epoch.next();
      BatchPrefetcher.BatchPreparationException e =
          assertThrows(BatchPrefetcher.BatchPreparationException.class, epoch::next);
      assertSame(boom, e.getCause());
      assertTrue(e.getMessage().contains("batch 2 of epoch 1"), e.getMessage());
    }
    PretextUserException user = new PretextUserException("bad sample 3");
    try (BatchPrefetcher p = new BatchPrefetcher(DATA, new Failing(0, user), NOISE, new SeedSource(5), 4, true, 1, 1);
        BatchPrefetcher.Epoch epoch = p.epoch(1)) {
      assertSame(user, assertThrows(PretextUserException.class, epoch::next));
    }
  }

  @Test
  void measuresTheTimeTheConsumerWaits() {
    try (BatchPrefetcher p = new BatchPrefetcher(DATA, new Slow(60), NOISE, new SeedSource(5), 10, true, 1, 1);
        BatchPrefetcher.Epoch epoch = p.epoch(1)) {
      long waited = epoch.next().waitNanos() + epoch.next().waitNanos();
      assertTrue(waited > 40_000_000L, "waited " + waited + " ns for two 60 ms batches");
    }
  }

  @Test
  void refusesADataSetOfAnotherSampleType() {
    PretextTask textTask = new Slow(0) {
      @Override
      public Class<?> sampleType() {
        return String.class;
      }
    };
    PretextUserException e = assertThrows(PretextUserException.class,
        () -> new BatchPrefetcher(DATA, textTask, NOISE, new SeedSource(5), 2, true, 1, 1));
    assertTrue(e.getMessage().contains("String"), e.getMessage());
  }

  @Test
  void groupingByLengthNeedsATaskWithSampleLengths() {
    PretextUserException e = assertThrows(PretextUserException.class,
        () -> new BatchPrefetcher(DATA, new RotationTask(), NOISE, new SeedSource(5), 3, true, 1, 1, true));
    assertTrue(e.getMessage().contains("train.group-by-length"), e.getMessage());
  }

  @Test
  void groupedBatchesPairSamplesOfSimilarLengthAndCoverTheEpoch() {
    java.util.function.ToIntFunction<Object> length = sample -> (int) (((Image) sample).pixels()[0] * 1000) % 5;
    PretextTask lengthy = new Slow(0) {
      @Override
      public java.util.Optional<java.util.function.ToIntFunction<Object>> sampleLength() {
        return java.util.Optional.of(length);
      }
    };
    try (BatchPrefetcher grouped = new BatchPrefetcher(DATA, lengthy, NOISE, new SeedSource(5), 4, true, 1, 1, true);
        BatchPrefetcher plain = new BatchPrefetcher(DATA, lengthy, NOISE, new SeedSource(5), 4, true, 1, 1)) {
      List<int[]> batches = grouped.plan(1);
      assertEquals(plain.batchesPerEpoch(), batches.size());
      assertEquals(20, batches.stream().mapToInt(b -> b.length).sum());
      assertEquals(20, batches.stream().flatMapToInt(java.util.Arrays::stream).distinct().count());
      for (int i = 0; i < batches.size(); i++) {
        assertArrayEquals(batches.get(i), grouped.plan(1).get(i), "the plan is a function of the seeds");
      }
      // the epoch fits in one chunk, so the batches split the sorted lengths: their ranges touch at most
      int[][] range = batches.stream().map(b -> java.util.Arrays.stream(b).map(i -> length.applyAsInt(DATA.get(i)))
          .summaryStatistics()).map(st -> new int[] {st.getMin(), st.getMax()}).toArray(int[][]::new);
      for (int[] a : range) {
        for (int[] b : range) {
          assertTrue(a == b || a[1] <= b[0] || b[1] <= a[0], "overlapping batches " + java.util.Arrays.toString(a)
              + " " + java.util.Arrays.toString(b));
        }
      }
    }
  }

  /** Fails when preparing one batch, recognized by its seeded generator. */
  private static final class Failing extends Slow {
    private final int badBatch;
    private final RuntimeException error;

    Failing(int badBatch, RuntimeException error) {
      super(0);
      this.badBatch = badBatch;
      this.error = error;
    }

    @Override
    public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
      if (badBatch == indexOf(random)) {
        throw error;
      }
      return super.prepareBatch(samples, augment, random);
    }

    private int indexOf(RandomGenerator random) {
      long first = random.nextLong();
      SeedSource seeds = new SeedSource(5);
      for (int i = 0; i < 100; i++) {
        if (seeds.generator("batch", 1, i).nextLong() == first) {
          return i;
        }
      }
      return -1;
    }
  }

  /** A task whose batch preparation takes a while. */
  private static class Slow implements PretextTask {
    private final long millis;

    Slow(long millis) {
      this.millis = millis;
    }

    @Override
    public Class<?> sampleType() {
      return Image.class;
    }

    @Override
    public Block buildModel(Block encoder, long featureSize, java.util.Optional<io.pretext.api.spi.Head> head) {
      return encoder;
    }

    @Override
    public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      HostTensor t = HostTensor.ofFloats(new float[samples.size()], samples.size());
      return new TrainingBatch(List.of(t), List.of(t), samples.size());
    }

    @Override
    public Loss loss() {
      return Loss.l2Loss();
    }
  }
}
