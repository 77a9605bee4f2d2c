package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, new Random(seed));
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Padding every consecutive batch of an order to its longest: sum of batch size × longest. */
  private static long paddedCost(int[] order, int batchSize, int[] lengths) {
    long cost = 0;
    for (int from = 0; from < order.length; from += batchSize) {
      int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
      cost += (long) batch.length * Arrays.stream(batch).map(i -> lengths[i]).max().orElse(0);
    }
    return cost;
  }

  @ParameterizedTest
  @CsvSource({"1000, 16", "5000, 32", "333, 7"})
  void samePermutationWithLessPadding(int n, int batchSize) {
    int[] lengths = lengths(n, 1);
    int[] order = shuffled(n, 2);
    int[] grouped = new LengthGrouping(lengths).sortedWithinChunks(order, batchSize);
    assertArrayEquals(Arrays.stream(order).sorted().toArray(), Arrays.stream(grouped).sorted().toArray(),
        "every sample once");
    assertTrue(paddedCost(grouped, batchSize, lengths) < 0.8 * paddedCost(order, batchSize, lengths),
        "grouped " + paddedCost(grouped, batchSize, lengths) + " vs plain " + paddedCost(order, batchSize, lengths));
  }

  @ParameterizedTest
  @CsvSource({"10, 1", "10, 2", "3, 1"})
  void eachChunkIsSortedLongestFirstAndTiesKeepTheShuffledOrder(int batchSize, int chunks) {
    int chunk = batchSize * LengthGrouping.BATCHES_PER_CHUNK;
    int n = chunk * chunks + batchSize / 2;
    int[] lengths = lengths(n, 5);
    int[] order = shuffled(n, 6);
    int[] grouped = new LengthGrouping(lengths).sortedWithinChunks(order, batchSize);
    int[] position = new int[n];
    for (int k = 0; k < n; k++) {
      position[order[k]] = k;
    }
    for (int k = 1; k < n; k++) {
      if (k % chunk == 0) {
        continue; // a new chunk starts
      }
      int a = grouped[k - 1];
      int b = grouped[k];
      assertTrue(lengths[a] > lengths[b] || lengths[a] == lengths[b] && position[a] < position[b],
          "position " + k + ": lengths " + lengths[a] + ", " + lengths[b]);
      assertTrue(position[a] / chunk == position[b] / chunk, "samples stay in their chunk");
    }
  }
}
