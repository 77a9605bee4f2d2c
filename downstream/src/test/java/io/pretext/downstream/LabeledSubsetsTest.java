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
