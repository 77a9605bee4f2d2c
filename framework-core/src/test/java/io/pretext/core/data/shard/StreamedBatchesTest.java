package io.pretext.core.data.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.Image;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.train.BatchPrefetcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards through the {@link BatchPrefetcher}: the order is the stream's, for any number of workers. */
class StreamedBatchesTest {
  private static final int IMAGES = 23;
  @TempDir
  Path tmp;
  private TarShardDataset data;

  @BeforeEach
  void shards() throws IOException {
    ShardFixtures.flatFolder(tmp.resolve("flat"), IMAGES);
    new TarShardWriter(5, 0).write(tmp.resolve("flat"), tmp.resolve("shards"));
    data = new TarShardDataset(TarShardIndex.scan(tmp.resolve("shards")), ShardFixtures.decoder(), 6, false);
  }

  @Test
  void everySampleOncePerEpochInTheSameOrderForOneTwoOrThreeWorkers() {
    List<List<Integer>> one = batches(data, 5, 1, 0);
    assertEquals(IMAGES, one.stream().mapToInt(List::size).sum());
    assertEquals(IMAGES, one.stream().flatMap(List::stream).distinct().count(), "every sample exactly once");
    assertEquals(5, one.size(), "23 samples in batches of 5, the last one short");
    assertEquals(one, batches(data, 5, 2, 0));
    assertEquals(one, batches(data, 5, 3, 0));
    assertNotEquals(one, batches(data, 6, 2, 0), "another seed, another order");
  }

  @Test
  void aResumedEpochContinuesAtTheSameSample() {
    List<List<Integer>> whole = batches(data, 5, 2, 0);
    List<List<Integer>> resumed = batches(data, 5, 2, 2);
    assertEquals(whole.subList(2, whole.size()), resumed);
  }

  @Test
  void epochsDiffer() {
    try (BatchPrefetcher p = new BatchPrefetcher(data.unlabeled(), new Ids(), AugmentPipeline.identity(),
        new SeedSource(5), 4, false, 2, 2)) {
      assertNotEquals(collect(p.epoch(0)), collect(p.epoch(1)));
    }
  }

  @Test
  void aBadImageFailsTrainingNamingItOrIsSkipped() throws IOException {
    ShardFixtures.tar(tmp.resolve("bad").resolve("a.tar"), "k1.png", ShardFixtures.png(1), "k2.jpg", "junk",
        "k3.png", ShardFixtures.png(3));
    TarShardIndex index = TarShardIndex.scan(tmp.resolve("bad"));
    try (BatchPrefetcher p = new BatchPrefetcher(new TarShardDataset(index, ShardFixtures.decoder(), 0, false),
        new Ids(), AugmentPipeline.identity(), new SeedSource(5), 3, false, 1, 1);
        BatchPrefetcher.Epoch epoch = p.epoch(0)) {
      CorruptDataException e = assertThrows(CorruptDataException.class, epoch::next);
      assertTrue(e.getMessage().contains("k2.jpg"), e.getMessage());
    }
    try (BatchPrefetcher p = new BatchPrefetcher(new TarShardDataset(index, ShardFixtures.decoder(), 0, true),
        new Ids(), AugmentPipeline.identity(), new SeedSource(5), 3, false, 1, 1)) {
      List<List<Integer>> batches = collect(p.epoch(0));
      assertEquals(1, batches.size());
      assertEquals(2, batches.get(0).size(), "the bad image leaves its batch one short");
    }
  }

  @Test
  void groupingByLengthIsRefusedForStreams() {
    assertThrows(PretextUserException.class, () -> new BatchPrefetcher(data, new Ids(), AugmentPipeline.identity(),
        new SeedSource(5), 4, false, 1, 1, true));
  }

  private static List<List<Integer>> batches(TarShardDataset data, long seed, int workers, int from) {
    try (BatchPrefetcher p = new BatchPrefetcher(data, new Ids(), AugmentPipeline.identity(), new SeedSource(seed), 5,
        false, workers, 3)) {
      return collect(p.epoch(1, from));
    }
  }

  private static List<List<Integer>> collect(BatchPrefetcher.Epoch epoch) {
    List<List<Integer>> out = new ArrayList<>();
    try (epoch) {
      while (epoch.hasNext()) {
        List<Integer> ids = new ArrayList<>();
        for (float f : epoch.next().batch().inputs().get(0).floats()) {
          ids.add((int) f);
        }
        out.add(ids);
      }
    }
    return out;
  }

  /** A task whose batch holds its samples' fixture ids. */
  private static final class Ids implements PretextTask {
    @Override
    public Class<?> sampleType() {
      return Image.class;
    }

    @Override
    public Block buildModel(Block encoder, long featureSize, Optional<io.pretext.api.spi.Head> head) {
      return encoder;
    }

    @Override
    public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
      float[] ids = new float[samples.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = ShardFixtures.id((Image) samples.get(i));
      }
      HostTensor t = HostTensor.ofFloats(ids, ids.length);
      return new TrainingBatch(List.of(t), List.of(t), ids.length);
    }

    @Override
    public Loss loss() {
      return Loss.l2Loss();
    }
  }
}
