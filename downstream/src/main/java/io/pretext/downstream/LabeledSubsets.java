package io.pretext.downstream;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.SeedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws stratified, seeded labeled subsets from a labeled training split, as the SimCLR reference
 * protocol does (per class, a seeded choice without replacement; seed from {@link SeedSource}).
 *
 * <p>Each class's samples are put in one seeded random order, and a budget takes a prefix of every
 * class's order: subsets of one run are nested (100 ⊂ 600 ⊂ 6000), and the same seed gives the same
 * subsets. A count budget takes {@code count / classes} samples of every class; a fraction budget
 * takes {@code round(fraction × class size)} (at least one) of each class. The subset's order is
 * shuffled with its own seeded generator.
 *
 * <p>A subset seed ({@code downstream.subset-seeds}) picks one family of nested subsets: seed 0 is
 * the run's historical draw (streams {@code labeled-subsets(c)} and {@code labeled-subset-order(n)}),
 * seed {@code s > 0} appends {@code s} to each stream's indices, so every seed gives other,
 * equally stratified and nested subsets and adding seeds never changes seed 0's.
 */
public final class LabeledSubsets {
  private final Dataset<?> pool;
  private final SeedSource seeds;
  private final int[][] classOrder;
  private final String budgetKey;
  private final int subsetSeed;

  /**
   * @param pool the labeled training split
   * @param seeds the run's seeds (streams {@code labeled-subsets} and {@code labeled-subset-order})
   * @throws PretextUserException when the split has no labels
   */
  public LabeledSubsets(Dataset<?> pool, SeedSource seeds) {
    this(pool, seeds, "downstream.labels");
  }

  /** As above; errors name {@code budgetKey} (e.g. {@code downstream.fractions}). */
  public LabeledSubsets(Dataset<?> pool, SeedSource seeds, String budgetKey) {
    this(pool, seeds, budgetKey, 0);
  }

  /**
   * As above, for one subset seed.
   *
   * @param subsetSeed which family of subsets, >= 0 (0: the run's default draw)
   */
  public LabeledSubsets(Dataset<?> pool, SeedSource seeds, String budgetKey, int subsetSeed) {
    if (subsetSeed < 0) {
      throw new IllegalArgumentException("a subset seed is >= 0, got " + subsetSeed);
    }
    if (!pool.labeled() || pool.classNames().isEmpty()) {
      throw new PretextUserException("The downstream step needs labels, but the training split (" + pool.size()
          + " samples) has none. Use a data source with labels, or set downstream.enabled: false.");
    }
    this.pool = pool;
    this.seeds = seeds;
    this.budgetKey = budgetKey;
    this.subsetSeed = subsetSeed;
    this.classOrder = orderPerClass();
  }

  /** How many samples each class has in the pool. */
  public int[] classSizes() {
    int[] sizes = new int[classOrder.length];
    for (int c = 0; c < sizes.length; c++) {
      sizes[c] = classOrder[c].length;
    }
    return sizes;
  }

  /** The labeled subset of a budget (a view of the pool). */
  public Dataset<?> draw(LabelBudget budget) {
    return pool.subset(indices(budget));
  }

  /**
   * The pool indices of a budget's subset, in a seeded random order.
   *
   * @throws LabelBudgetException when a class has fewer samples than the budget takes from it, or a
   *     count does not split equally over the classes
   */
  public int[] indices(LabelBudget budget) {
    int[] perClass = perClass(budget);
    List<Integer> chosen = new ArrayList<>();
    for (int c = 0; c < classOrder.length; c++) {
      for (int i = 0; i < perClass[c]; i++) {
        chosen.add(classOrder[c][i]);
      }
    }
    int[] out = chosen.stream().mapToInt(Integer::intValue).toArray();
    shuffle(out, generator("labeled-subset-order", out.length));
    return out;
  }

  /** How many samples of each class a budget takes. */
  public int[] perClass(LabelBudget budget) {
    int classes = classOrder.length;
    List<String> names = pool.classNames();
    int[] out = new int[classes];
    if (budget.isFraction()) {
      for (int c = 0; c < classes; c++) {
        int size = classOrder[c].length;
        if (size == 0) {
          throw new LabelBudgetException(budgetKey, "class '" + names.get(c) + "' has no samples in the training split,"
              + " so a stratified " + budget.name() + " subset cannot include it");
        }
        out[c] = (int) Math.max(1, Math.min(size, Math.round(budget.fraction() * size)));
      }
      return out;
    }
    int count = budget.count();
    if (count % classes != 0) {
      throw new LabelBudgetException(budgetKey, count + " labels cannot be split equally over the " + classes
          + " classes; use a multiple of " + classes + " (e.g. " + Math.max(classes, count / classes * classes) + ")");
    }
    int each = count / classes;
    for (int c = 0; c < classes; c++) {
      if (classOrder[c].length < each) {
        int smallest = classOrder[c].length;
        throw new LabelBudgetException(budgetKey, "the budget of " + count + " labels takes " + each
            + " samples of each class, but class '" + names.get(c) + "' has only " + smallest
            + " in the training split; use at most " + smallest * classes + " labels");
      }
      out[c] = each;
    }
    return out;
  }

  private int[][] orderPerClass() {
    int classes = pool.classNames().size();
    int[] counts = new int[classes];
    for (int i = 0; i < pool.size(); i++) {
      counts[pool.label(i)]++;
    }
    int[][] order = new int[classes][];
    for (int c = 0; c < classes; c++) {
      order[c] = new int[counts[c]];
    }
    int[] fill = new int[classes];
    for (int i = 0; i < pool.size(); i++) {
      int c = pool.label(i);
      order[c][fill[c]++] = i;
    }
    for (int c = 0; c < classes; c++) {
      shuffle(order[c], generator("labeled-subsets", c));
    }
    return order;
  }

  /** The subset seed this draw uses. */
  public int subsetSeed() {
    return subsetSeed;
  }

  private RandomGenerator generator(String stream, long index) {
    return subsetSeed == 0 ? seeds.generator(stream, index) : seeds.generator(stream, index, subsetSeed);
  }

  /** Fisher-Yates. */
  static void shuffle(int[] a, RandomGenerator random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
