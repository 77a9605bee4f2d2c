package io.pretext.context;

import io.pretext.api.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.random.RandomGenerator;

/**
 * The jigsaw task's classes: P orderings of the g² tiles chosen far apart in Hamming distance
 * (Noroozi and Favaro 2016, §3.2, Algorithm 1), so that neighbouring classes differ in many tiles.
 *
 * <p>Greedy, as the paper: the first ordering is random; each next one is the candidate whose
 * minimum Hamming distance to those chosen is largest (ties: the first in a seeded shuffle of the
 * candidates). Candidates: all n! orderings when n! <= 9! (exact, the paper's choice for 3×3; one
 * pass over them per chosen ordering, with each candidate's running minimum kept, so O(P·n!)),
 * else a sample of {@value #SAMPLED} distinct random orderings (4×4 grids). Orderings are held as
 * 4-bit nibbles of a long, so a Hamming distance is one XOR and a bit count. Deterministic given
 * the generator.
 */
public final class JigsawPermutations {
  /** The largest P accepted: selection costs P passes over the candidates. */
  public static final int MAX_COUNT = 10_000;
  static final int SAMPLED = 200_000;
  private static final long EXACT_LIMIT = 362_880;
  private static final long LOW_BITS = 0x1111_1111_1111_1111L;

  private final int[][] orders;

  private JigsawPermutations(int[][] orders) {
    this.orders = orders;
  }

  /**
   * @param tiles n, 2..16
   * @param count P, 2 <= P <= min(n!, {@value #MAX_COUNT})
   * @throws ConfigException at {@code pretext.permutations} when P exceeds n! or the limit
   */
  public static JigsawPermutations select(int tiles, int count, RandomGenerator random) {
    long factorial = factorial(tiles);
    if (count > factorial) {
      throw ConfigException.at("pretext.permutations", count + " permutations asked, but " + tiles + " tiles have only "
          + tiles + "! = " + factorial + " orderings; lower permutations or raise grid");
    }
    if (count < 2 || count > MAX_COUNT) {
      throw ConfigException.at("pretext.permutations", "permutations must be in [2, " + MAX_COUNT + "], got " + count);
    }
    long[] candidates = candidates(tiles, factorial, random);
    for (int i = candidates.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = t;
    }
    byte[] nearest = new byte[candidates.length];
    Arrays.fill(nearest, Byte.MAX_VALUE);
    int[][] orders = new int[count][];
    long last = candidates[0];
    for (int k = 0; k < count; k++) {
      orders[k] = unpack(last, tiles);
      if (k == count - 1) {
        break;
      }
      int best = 0;
      for (int c = 0; c < candidates.length; c++) {
        nearest[c] = (byte) Math.min(nearest[c], distance(candidates[c], last));
        if (nearest[c] > nearest[best]) {
          best = c;
        }
      }
      last = candidates[best];
    }
    return new JigsawPermutations(orders);
  }

  /** P. */
  public int count() {
    return orders.length;
  }

  /** Ordering {@code label}: position j of the shuffled puzzle shows cell {@code order(label)[j]}; a copy. */
  public int[] order(int label) {
    return orders[label].clone();
  }

  /** The smallest Hamming distance between two orderings of the set. */
  public int minimumDistance() {
    int min = Integer.MAX_VALUE;
    for (int a = 0; a < orders.length; a++) {
      for (int b = a + 1; b < orders.length; b++) {
        min = Math.min(min, distance(pack(orders[a]), pack(orders[b])));
      }
    }
    return min;
  }

  static int distance(long a, long b) {
    long x = a ^ b;
    return Long.bitCount((x | x >>> 1 | x >>> 2 | x >>> 3) & LOW_BITS);
  }

  /** All n! orderings when n! <= 9!, else {@value #SAMPLED} distinct ones at random; by Lehmer code. */
  private static long[] candidates(int n, long factorial, RandomGenerator random) {
    boolean exact = factorial <= EXACT_LIMIT;
    Set<Long> seen = new HashSet<>();
    long[] out = new long[exact ? (int) factorial : SAMPLED];
    for (int k = 0; k < out.length; ) {
      long index = exact ? k : random.nextLong(factorial);
      if (exact || seen.add(index)) {
        out[k++] = lehmer(index, n);
      }
    }
    return out;
  }

  /** The ordering of rank {@code index} in lexicographic order (its digits in the factorial base pick from what is left). */
  private static long lehmer(long index, int n) {
    List<Integer> left = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    long packed = 0;
    for (int i = 0; i < n; i++) {
      long f = factorial(n - 1 - i);
      packed |= (long) left.remove((int) (index / f)) << (4 * i);
      index %= f;
    }
    return packed;
  }

  private static long factorial(int n) {
    long f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  static long pack(int[] order) {
    long packed = 0;
    for (int i = 0; i < order.length; i++) {
      packed |= (long) order[i] << (4 * i);
    }
    return packed;
  }

  private static int[] unpack(long packed, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (packed >>> (4 * i) & 0xF);
    }
    return order;
  }
}
