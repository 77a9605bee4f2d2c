package io.pretext.api.transfer;

import io.pretext.api.data.Dataset;
import java.util.Objects;

/**
 * One label budget of the downstream task: the labeled training subset and the held-out test set.
 * Samples are raw (not yet preprocessed).
 *
 * @param labeled the labeled subset, drawn stratified from the training split
 * @param test the test set, every sample labeled
 * @param budget the budget's name in the table, e.g. {@code 600} or {@code 1%}
 * @param index the budget's position in the run (for seeding)
 */
public record LabeledTask(Dataset<?> labeled, Dataset<?> test, String budget, int index) {

  public LabeledTask {
    Objects.requireNonNull(labeled, "labeled");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(budget, "budget");
    if (!labeled.labeled() || !test.labeled()) {
      throw new IllegalArgumentException("both the labeled subset and the test set need labels");
    }
  }

  /** The number of classes, from the labeled subset's class names. */
  public int classes() {
    return labeled.classNames().size();
  }
}
