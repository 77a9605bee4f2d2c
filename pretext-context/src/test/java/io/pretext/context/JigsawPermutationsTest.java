package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.runtime.SeedSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JigsawPermutationsTest {

  private static int hamming(int[] a, int[] b) {
    int d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] != b[i] ? 1 : 0;
    }
    return d;
  }

  private static List<int[]> orders(JigsawPermutations set) {
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < set.count(); k++) {
      out.add(set.order(k));
    }
    return out;
  }

  /** Each ordering is a permutation of 0..n-1, none twice, and the claimed minimum is the true one. */
  private static void assertValid(JigsawPermutations set, int n) {
    Set<String> seen = new HashSet<>();
    int min = Integer.MAX_VALUE;
    List<int[]> all = orders(set);
    for (int a = 0; a < all.size(); a++) {
      int[] sorted = all.get(a).clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i], Arrays.toString(all.get(a)));
      }
      assertTrue(seen.add(Arrays.toString(all.get(a))), "duplicate " + Arrays.toString(all.get(a)));
      for (int b = a + 1; b < all.size(); b++) {
        min = Math.min(min, hamming(all.get(a), all.get(b)));
      }
    }
    assertEquals(min, set.minimumDistance());
  }

  @Test
  void eachOrderingIsTheFarthestCandidateFromThoseBefore() {
    // 2x2: all 24 orderings by brute force. Step k must reach the largest possible minimum distance.
    List<int[]> candidates = new ArrayList<>();
    permute(new int[] {0, 1, 2, 3}, 0, candidates);
    assertEquals(24, candidates.size());
    JigsawPermutations set = JigsawPermutations.select(4, 12, new SplittableRandom(3));
    assertValid(set, 4);
    List<int[]> chosen = orders(set);
    for (int k = 1; k < chosen.size(); k++) {
      int best = 0;
      for (int[] c : candidates) {
        best = Math.max(best, minDistance(c, chosen.subList(0, k)));
      }
      assertEquals(best, minDistance(chosen.get(k), chosen.subList(0, k)), "step " + k);
    }
    // 4 tiles: any two distinct orderings differ in >= 2 places; 12 of them far apart keep 2 or more.
    assertTrue(set.minimumDistance() >= 2);
    // All 24 can be asked: the set is then every ordering.
    assertValid(JigsawPermutations.select(4, 24, new SplittableRandom(3)), 4);
  }

  private static int minDistance(int[] c, List<int[]> set) {
    int min = Integer.MAX_VALUE;
    for (int[] s : set) {
      min = Math.min(min, hamming(c, s));
    }
    return min;
  }

  private static void permute(int[] p, int at, List<int[]> out) {
    if (at == p.length) {
      out.add(p.clone());
      return;
    }
    for (int i = at; i < p.length; i++) {
      int t = p[at];
      p[at] = p[i];
      p[i] = t;
      permute(p, at + 1, out);
      p[i] = p[at];
      p[at] = t;
    }
  }

  @Test
  void threeByThreeFromAllNineFactorialIsFarApartAndFollowsTheSeed() {
    SeedSource seeds = new SeedSource(11);
    long start = System.nanoTime();
    JigsawPermutations a = JigsawPermutations.select(9, 100, seeds.generator(JigsawTaskFactory.STREAM));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertValid(a, 9);
    assertEquals(100, a.count());
    // 100 orderings of 9 tiles greedily apart: every two differ in at least 6 of the 9 positions.
    assertTrue(a.minimumDistance() >= 6, "minimum Hamming distance " + a.minimumDistance());
    assertTrue(millis < 5000, "selection took " + millis + " ms");
    JigsawPermutations same = JigsawPermutations.select(9, 100, new SeedSource(11).generator(JigsawTaskFactory.STREAM));
    for (int k = 0; k < 100; k++) {
      assertArrayEquals(a.order(k), same.order(k));
    }
    JigsawPermutations other = JigsawPermutations.select(9, 100, new SeedSource(12).generator(JigsawTaskFactory.STREAM));
    boolean differs = false;
    for (int k = 0; k < 100; k++) {
      differs |= !Arrays.equals(a.order(k), other.order(k));
    }
    assertTrue(differs, "another seed gave the same set");
  }

  @Test
  void moreThanNineTilesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JigsawPermutations.select(16, 20, new SplittableRandom(5)));
    assertTrue(e.getMessage().contains("2..9"), e.getMessage());
  }

  @Test
  void moreOrderingsThanExistOrAboveTheLimitAreConfigErrors() {
    ConfigException small = assertThrows(ConfigException.class,
        () -> JigsawPermutations.select(4, 25, new SplittableRandom(1)));
    assertTrue(small.getMessage().contains("4! = 24") && small.getMessage().contains("pretext.permutations"),
        small.getMessage());
    ConfigException nine = assertThrows(ConfigException.class,
        () -> JigsawPermutations.select(9, 362_881, new SplittableRandom(1)));
    assertTrue(nine.getMessage().contains("9! = 362880"), nine.getMessage());
    ConfigException limit = assertThrows(ConfigException.class,
        () -> JigsawPermutations.select(9, JigsawPermutations.MAX_COUNT + 1, new SplittableRandom(1)));
    assertTrue(limit.getMessage().contains("[2, " + JigsawPermutations.MAX_COUNT + "]"), limit.getMessage());
    assertFalse(limit.getMessage().contains("orderings"), limit.getMessage());
  }
}
