package io.pretext.downstream;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Stratified k-fold assignment: each class's rows, in a seeded random order, are dealt to the folds
 * in turn, so every fold has about the same share of every class.
 */
final class StratifiedFolds {
  private StratifiedFolds() {}

  /** The fold (in [0, folds)) of every row. */
  static int[] assign(int[] labels, int classes, int folds, RandomGenerator random) {
    int[] fold = new int[labels.length];
    int next = 0;
    for (int c = 0; c < classes; c++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          rows.add(i);
        }
      }
      int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
      LabeledSubsets.shuffle(order, random);
      for (int r : order) {
        fold[r] = next;
        next = (next + 1) % folds;
      }
    }
    return fold;
  }

  /** The number of folds usable: at most {@code wanted}, at most the smallest class's size; 0 or 1 means none. */
  static int usable(int[] labels, int classes, int wanted) {
    int[] counts = new int[classes];
    for (int y : labels) {
      counts[y]++;
    }
    int smallest = Integer.MAX_VALUE;
    for (int n : counts) {
      if (n > 0) {
        smallest = Math.min(smallest, n);
      }
    }
    return Math.min(wanted, smallest == Integer.MAX_VALUE ? 0 : smallest);
  }
}
