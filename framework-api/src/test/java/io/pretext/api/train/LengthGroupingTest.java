package io.pretext.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LengthGroupingTest {
  /** Random lengths in [3, 48], like encoded sentences. */
  private static int[] lengths(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = 3 + random.nextInt(46);
    }
    return out;
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Sum over batches of batch size times its longest sample: what padding to the longest costs. */
  private static long paddedCost(List<int[]> batches, int[] lengths) {
    long cost = 0;
    for (int[] b : batches) {
      cost += (long) b.length * Arrays.stream(b).map(i -> lengths[i]).max().orElse(0);
    }
    return cost;
  }

  @ParameterizedTest
  @CsvSource({"1000, 16, 62", "1000, 16, 63", "5000, 32, 156", "333, 7, 48"})
  void everySampleOnceAndLessPadding(int n, int batchSize, int batchCount) {
    int[] lengths = lengths(n, 1);
    int[] order = shuffled(n, 2);
    List<int[]> grouped = new LengthGrouping(lengths).batches(order, batchSize, batchCount, new SplittableRandom(3));
    assertEquals(batchCount, grouped.size());
    int[] seen = grouped.stream().flatMapToInt(Arrays::stream).sorted().toArray();
    assertEquals(seen.length, Arrays.stream(seen).distinct().count(), "no sample twice");
    assertEquals(Math.min(n, batchCount * batchSize), seen.length);
    List<int[]> plain = new java.util.ArrayList<>();
    for (int b = 0; b < batchCount; b++) {
      plain.add(Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize)));
    }
    assertTrue(paddedCost(grouped, lengths) < 0.8 * paddedCost(plain, lengths),
        "grouped " + paddedCost(grouped, lengths) + " vs plain " + paddedCost(plain, lengths));
  }

  @ParameterizedTest
  @CsvSource({"1", "2"})
  void sameSeedsSameBatchesOtherSeedOtherOrder(long seed) {
    int[] lengths = lengths(2000, 4);
    LengthGrouping grouping = new LengthGrouping(lengths);
    List<int[]> a = grouping.batches(shuffled(2000, seed), 20, 100, new SplittableRandom(seed));
    List<int[]> b = grouping.batches(shuffled(2000, seed), 20, 100, new SplittableRandom(seed));
    List<int[]> c = grouping.batches(shuffled(2000, seed), 20, 100, new SplittableRandom(seed + 10));
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
    assertTrue(java.util.stream.IntStream.range(0, a.size()).anyMatch(i -> !Arrays.equals(a.get(i), c.get(i))),
        "another generator shuffles the batches differently");
  }

  @ParameterizedTest
  @CsvSource({"10", "50"})
  void batchesOfOneChunkAreSortedLongestFirst(int batchSize) {
    int n = batchSize * LengthGrouping.BATCHES_PER_CHUNK;
    int[] lengths = lengths(n, 5);
    List<int[]> grouped = new LengthGrouping(lengths).batches(shuffled(n, 6), batchSize, LengthGrouping.BATCHES_PER_CHUNK,
        new SplittableRandom(7));
    grouped.sort((x, y) -> lengths[y[0]] != lengths[x[0]] ? Integer.compare(lengths[y[0]], lengths[x[0]])
        : Integer.compare(lengths[y[y.length - 1]], lengths[x[x.length - 1]]));
    int previous = Integer.MAX_VALUE;
    for (int[] b : grouped) {
      for (int i : b) {
        assertTrue(lengths[i] <= previous, "one chunk: lengths fall from batch to batch and within each");
        previous = lengths[i];
      }
    }
  }
}
