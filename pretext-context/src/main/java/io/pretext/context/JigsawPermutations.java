package io.pretext.context;

import io.pretext.api.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The jigsaw task's classes: P orderings of the n tiles chosen far apart in Hamming distance
 * (Noroozi and Favaro 2016, §3.2, Algorithm 1), so that any two classes differ in many tiles.
 *
 * <p>Greedy and exact, as the paper: the candidates are all n! orderings (9! = 362,880 for 3×3),
 * in an order shuffled by the generator; the first ordering is the first candidate, each next one
 * is the candidate whose minimum Hamming distance to those chosen is largest (ties: the first in
 * the shuffled order). Each candidate keeps its running minimum, so every choice is one pass over
 * the candidates: O(P·n!) distances, about a second for P = 1000 on 3×3. Orderings are packed as
 * 4-bit nibbles of a long, so a distance is one XOR and a bit count. Deterministic given the
 * generator's seed.
 */
public final class JigsawPermutations {
  /** The largest P accepted: selection costs P passes over the n! candidates. */
  public static final int MAX_COUNT = 10_000;
  /** The most tiles: 9, so that n! candidates stay enumerable. */
  public static final int MAX_TILES = 9;
  private static final long LOW_BITS = 0x1111_1111_1111_1111L;

  private final int[][] orders;
  private final int minimumDistance;

  private JigsawPermutations(int[][] orders, int minimumDistance) {
    this.orders = orders;
    this.minimumDistance = minimumDistance;
  }

  /**
   * @param tiles n, 2..{@value #MAX_TILES}
   * @param count P, 2 <= P <= min(n!, {@value #MAX_COUNT})
   * @throws ConfigException at {@code pretext.permutations} when P exceeds n! or the limit
   */
  public static JigsawPermutations select(int tiles, int count, RandomGenerator random) {
    if (tiles < 2 || tiles > MAX_TILES) {
      throw new IllegalArgumentException("jigsaw orderings need 2.." + MAX_TILES + " tiles, got " + tiles);
    }
    int factorial = IntStream.rangeClosed(1, tiles).reduce(1, (a, b) -> a * b);
    if (count > factorial) {
      throw ConfigException.at("pretext.permutations", count + " permutations asked, but " + tiles + " tiles have only "
          + tiles + "! = " + factorial + " orderings; lower permutations or raise grid");
    }
    if (count < 2 || count > MAX_COUNT) {
      throw ConfigException.at("pretext.permutations", "permutations must be in [2, " + MAX_COUNT + "], got " + count);
    }
    long[] candidates = new long[factorial];
    for (int k = 0; k < factorial; k++) {
      candidates[k] = lehmer(k, tiles);
    }
    for (int i = factorial - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = t;
    }
    byte[] nearest = new byte[factorial];
    Arrays.fill(nearest, Byte.MAX_VALUE);
    int[][] orders = new int[count][];
    int minimum = tiles;
    long last = candidates[0];
    for (int k = 0; ; k++) {
      orders[k] = unpack(last, tiles);
      if (k == count - 1) {
        return new JigsawPermutations(orders, minimum);
      }
      int best = 0;
      for (int c = 0; c < factorial; c++) {
        nearest[c] = (byte) Math.min(nearest[c], distance(candidates[c], last));
        best = nearest[c] > nearest[best] ? c : best;
      }
      minimum = Math.min(minimum, nearest[best]);
      last = candidates[best];
    }
  }

  /** P. */
  public int count() {
    return orders.length;
  }

  /** Ordering {@code label}: position j of the shuffled puzzle shows cell {@code order(label)[j]}; a copy. */
  public int[] order(int label) {
    return orders[label].clone();
  }

  /** The smallest Hamming distance between two orderings of the set (greedy: the last choice's). */
  public int minimumDistance() {
    return minimumDistance;
  }

  private static int distance(long a, long b) {
    long x = a ^ b;
    return Long.bitCount((x | x >>> 1 | x >>> 2 | x >>> 3) & LOW_BITS);
  }

  /** The ordering of rank {@code index} in lexicographic order: its factorial-base digits pick from what is left. */
  private static long lehmer(int index, int n) {
    List<Integer> left = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    long packed = 0;
    int f = IntStream.rangeClosed(1, n - 1).reduce(1, (a, b) -> a * b);
    for (int i = 0; i < n; i++) {
      packed |= (long) left.remove(index / f) << (4 * i);
      index %= f;
      f /= Math.max(1, n - 1 - i);
    }
    return packed;
  }

  private static int[] unpack(long packed, int n) {
    return IntStream.range(0, n).map(i -> (int) (packed >>> (4 * i) & 0xF)).toArray();
  }
}
