package io.pretext.downstream;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import java.util.List;

/**
 * How the linear probe fits its logistic regression.
 *
 * @param l2Grid the L2 strengths tried by cross-validation
 * @param fixedL2 a fixed L2 strength that skips cross-validation, or NaN
 * @param folds cross-validation folds (stratified, on the labeled subset alone)
 * @param tolerance stop when every gradient component is at most this
 * @param maxIterations the most L-BFGS iterations per fit
 * @param history L-BFGS pairs kept
 * @param toleranceChange also stop when the loss or the step changes by at most this (0: gradient only)
 */
public record ProbeSettings(List<Double> l2Grid, double fixedL2, int folds, double tolerance, int maxIterations,
    int history, double toleranceChange) {

  /** The reference protocol's grid. */
  public static final List<Double> DEFAULT_GRID = List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0);

  public ProbeSettings {
    l2Grid = List.copyOf(l2Grid);
    if (l2Grid.isEmpty() && Double.isNaN(fixedL2)) {
      throw new IllegalArgumentException("give an L2 grid or a fixed L2");
    }
  }

  public static ProbeSettings defaults() {
    return new ProbeSettings(DEFAULT_GRID, Double.NaN, 5, 1e-6, 1000, 20, 1e-10);
  }

  /** The keys of the probe evaluators' sections. */
  static ConfigSchema.Builder schema() {
    return ConfigSchema.builder()
        .optional("l2-grid", ValueType.listOf(ValueType.positiveReal()), DEFAULT_GRID,
            "L2 strengths tried; the best by cross-validation on the labeled subset is used")
        .optionalNoDefault("l2", ValueType.real(0, false, Double.MAX_VALUE, false),
            "a fixed L2 strength instead of cross-validation")
        .optional("folds", ValueType.integer(2, 20), 5, "cross-validation folds")
        .optional("tolerance", ValueType.positiveReal(), 1e-6, "L-BFGS stops when every gradient component is at most this")
        .optional("max-iterations", ValueType.integer(1, 1_000_000), 1000, "the most L-BFGS iterations per fit")
        .optional("tolerance-change", ValueType.real(0, false, 1, false), 1e-10,
            "L-BFGS also stops when the loss or the step changes by at most this (the reference's tolerance_change)");
  }

  static ProbeSettings from(ConfigNode config) {
    ProbeSettings d = defaults();
    List<Double> grid = config.has("l2-grid") ? config.getDoubleList("l2-grid") : d.l2Grid();
    if (grid.isEmpty() && !config.has("l2")) {
      throw io.pretext.api.config.ConfigException.at(config.pathOf("l2-grid"), "needs at least one value (or set l2)");
    }
    return new ProbeSettings(grid, config.getDouble("l2", Double.NaN), config.getInt("folds", d.folds()),
        config.getDouble("tolerance", d.tolerance()), config.getInt("max-iterations", d.maxIterations()), d.history(),
        config.getDouble("tolerance-change", d.toleranceChange()));
  }
}
