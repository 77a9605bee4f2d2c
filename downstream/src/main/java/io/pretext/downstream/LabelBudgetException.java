package io.pretext.downstream;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigProblem;

/**
 * A label budget the training split cannot satisfy, reported at {@code downstream.labels} (or
 * {@code downstream.fractions}): it names the class, how many samples it has and the budget.
 */
public final class LabelBudgetException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public LabelBudgetException(String key, String message) {
    super("configuration", new ConfigProblem(key, message, 0));
  }
}
