package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.ImageDataset;
import io.pretext.api.runtime.SeedSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabeledSubsetsTest {
  private final ImageDataset pool = Fixtures.images(1000, 10, 1);

  @Test
  void countBudgetsAreStratifiedWithExactSizes() {
    LabeledSubsets subsets = new LabeledSubsets(pool, new SeedSource(0));
    for (int n : new int[] {10, 100, 600}) {
      int[] idx = subsets.indices(LabelBudget.ofCount(n));
      assertEquals(n, idx.length);
      assertEquals(n, Arrays.stream(idx).distinct().count(), "no repeats");
      int[] perClass = new int[10];
      for (int i : idx) {
        perClass[pool.label(i)]++;
      }
      for (int c = 0; c < 10; c++) {
        assertEquals(n / 10, perClass[c], "class " + c + " at budget " + n);
      }
    }
  }

  @Test
  void sameSeedSameSubsetOtherSeedOtherSubset() {
    int[] a = new LabeledSubsets(pool, new SeedSource(0)).indices(LabelBudget.ofCount(100));
    int[] b = new LabeledSubsets(pool, new SeedSource(0)).indices(LabelBudget.ofCount(100));
    int[] c = new LabeledSubsets(pool, new SeedSource(1)).indices(LabelBudget.ofCount(100));
    assertArrayEquals(a, b);
    assertFalse(set(a).equals(set(c)));
  }

  @Test
  void theDefaultSubsetSeedKeepsTheDrawOfEarlierVersions() {
    // recorded with the single-seed code before downstream.subset-seeds existed
    int[] before = {242, 47, 234, 99, 556, 639, 81, 525, 773, 372, 73, 28, 334, 285, 597, 961, 570, 248, 130, 336};
    assertArrayEquals(before, new LabeledSubsets(pool, new SeedSource(0)).indices(LabelBudget.ofCount(20)));
    assertArrayEquals(before, new LabeledSubsets(pool, new SeedSource(0), "downstream.labels", 0)
        .indices(LabelBudget.ofCount(20)));
  }

  @Test
  void eachSubsetSeedDrawsOtherStratifiedNestedSubsets() {
    List<Set<Integer>> of100 = new java.util.ArrayList<>();
    for (int seed = 0; seed < 3; seed++) {
      LabeledSubsets subsets = new LabeledSubsets(pool, new SeedSource(7), "downstream.labels", seed);
      int[] small = subsets.indices(LabelBudget.ofCount(20));
      int[] mid = subsets.indices(LabelBudget.ofCount(100));
      int[] large = subsets.indices(LabelBudget.ofCount(600));
      assertTrue(set(mid).containsAll(set(small)), "nested at seed " + seed);
      assertTrue(set(large).containsAll(set(mid)), "nested at seed " + seed);
      for (int[] idx : List.of(small, mid, large)) {
        int[] perClass = new int[10];
        Arrays.stream(idx).forEach(i -> perClass[pool.label(i)]++);
        assertTrue(Arrays.stream(perClass).allMatch(c -> c == idx.length / 10), "stratified at seed " + seed);
        assertEquals(idx.length, Arrays.stream(idx).distinct().count());
      }
      assertArrayEquals(mid, new LabeledSubsets(pool, new SeedSource(7), "downstream.labels", seed)
          .indices(LabelBudget.ofCount(100)), "repeatable");
      of100.add(set(mid));
    }
    assertFalse(of100.get(0).equals(of100.get(1)));
    assertFalse(of100.get(0).equals(of100.get(2)));
    assertFalse(of100.get(1).equals(of100.get(2)));
    assertThrows(IllegalArgumentException.class, () -> new LabeledSubsets(pool, new SeedSource(0), "k", -1));
  }

  @Test
  void subsetsAreNested() {
    LabeledSubsets subsets = new LabeledSubsets(pool, new SeedSource(5));
    Set<Integer> small = set(subsets.indices(LabelBudget.ofCount(20)));
    Set<Integer> mid = set(subsets.indices(LabelBudget.ofCount(100)));
    Set<Integer> large = set(subsets.indices(LabelBudget.ofCount(600)));
    assertTrue(mid.containsAll(small));
    assertTrue(large.containsAll(mid));
    assertTrue(set(subsets.indices(LabelBudget.ofFraction(0.7))).containsAll(large));
  }

  @Test
  void fractionBudgetTakesEveryClassProportionally() {
    LabeledSubsets subsets = new LabeledSubsets(pool, new SeedSource(0));
    int[] perClass = subsets.perClass(LabelBudget.ofFraction(0.01));
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, perClass);
    assertEquals(500, subsets.indices(LabelBudget.ofFraction(0.5)).length);
    assertEquals("1%", LabelBudget.ofFraction(0.01).name());
  }

  @Test
  void tooManyLabelsNamesTheClassItsSizeAndTheBudget() {
    ImageDataset small = Fixtures.images(95, 10, 1); // classes 0..4 have 10, classes 5..9 have 9
    LabeledSubsets subsets = new LabeledSubsets(small, new SeedSource(0));
    LabelBudgetException e = assertThrows(LabelBudgetException.class, () -> subsets.indices(LabelBudget.ofCount(100)));
    assertTrue(e.getMessage().contains("downstream.labels"), e.getMessage());
    assertTrue(e.getMessage().contains("'class-5'"), e.getMessage());
    assertTrue(e.getMessage().contains("only 9"), e.getMessage());
    assertTrue(e.getMessage().contains("100 labels"), e.getMessage());
    assertTrue(e instanceof ConfigException);
  }

  @Test
  void countThatDoesNotSplitOverTheClassesFails() {
    LabeledSubsets subsets = new LabeledSubsets(pool, new SeedSource(0));
    LabelBudgetException e = assertThrows(LabelBudgetException.class, () -> subsets.indices(LabelBudget.ofCount(105)));
    assertTrue(e.getMessage().contains("105 labels") && e.getMessage().contains("10 classes"), e.getMessage());
  }

  @Test
  void unlabeledDataFailsClearly() {
    PretextUserException e = assertThrows(PretextUserException.class,
        () -> new LabeledSubsets(pool.unlabeled(), new SeedSource(0)));
    assertTrue(e.getMessage().contains("needs labels"), e.getMessage());
  }

  @Test
  void budgetsComeFromTheDownstreamSection() {
    assertEquals(List.of(LabelBudget.ofCount(50), LabelBudget.ofCount(500)),
        LabelBudget.fromConfig(ConfigNode.of("downstream", Map.of("labels", List.of(50L, 500L)))));
    assertEquals(List.of(LabelBudget.ofFraction(0.1)),
        LabelBudget.fromConfig(ConfigNode.of("downstream", Map.of("labels", List.of(50L), "fractions", List.of(0.1)))));
  }

  private static Set<Integer> set(int[] a) {
    return Arrays.stream(a).boxed().collect(Collectors.toCollection(HashSet::new));
  }
}
