package io.pretext.downstream;

import io.pretext.api.runtime.SeedSource;
import io.pretext.api.transfer.LinearClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linear probe's classifier (linear evaluation protocol of SimCLR, Chen et al. 2020): features
 * standardized with the labeled subset's mean and std, multinomial logistic regression fitted to
 * convergence, its L2 strength chosen by stratified k-fold cross-validation on the labeled subset
 * alone (mean fold accuracy; ties go to the larger L2). Strengths are fitted from the largest down,
 * each warm-started from the previous solution.
 */
final class LinearProbe {
  private static final Logger LOG = LoggerFactory.getLogger(LinearProbe.class);
  private final ProbeSettings settings;
  private final SeedSource seeds;

  LinearProbe(ProbeSettings settings, SeedSource seeds) {
    this.settings = settings;
    this.seeds = seeds;
  }

  /** A fitted probe: standardizer, weights and the fit's diagnostics. */
  record Model(Standardizer standardizer, SoftmaxRegression regression, SoftmaxRegression.Fit fit, double l2,
      Map<String, Double> cvAccuracy) {

    /** Predicted classes. */
    int[] predict(FeatureMatrix data) {
      return regression.predict(standardizer.apply(data), data.rows(), fit.parameters());
    }

    /** The probe on raw features: the standardization folded into the regression's weights. */
    LinearClassifier classifier(List<String> classNames) {
      double[] p = fit.parameters();
      int weights = classNames.size() * standardizer.mean().length;
      return LinearClassifier.folded(classNames, java.util.Arrays.copyOf(p, weights),
          java.util.Arrays.copyOfRange(p, weights, p.length), standardizer.mean(), standardizer.std());
    }
  }

  /** Chooses L2 (unless fixed) and fits on the whole labeled set. */
  Model fit(FeatureMatrix train, Parallel parallel) {
    Standardizer standardizer = Standardizer.fit(train);
    double[] x = standardizer.apply(train);
    SoftmaxRegression regression = new SoftmaxRegression(train.classes(), train.cols());
    Lbfgs lbfgs = new Lbfgs(settings.history(), settings.tolerance(), settings.maxIterations(), settings.toleranceChange());
    Map<String, Double> cv = new LinkedHashMap<>();
    double l2 = Double.isNaN(settings.fixedL2()) ? chooseL2(train, x, regression, lbfgs, parallel, cv) : settings.fixedL2();
    SoftmaxRegression.Fit fit = null;
    if (!Double.isNaN(settings.fixedL2())) {
      fit = regression.fit(x, train.labels(), l2, null, lbfgs, parallel);
    } else {
      double[] warm = null;
      for (double lam : descending()) { // the path down to the chosen L2, warm-started
        if (lam >= l2) {
          fit = regression.fit(x, train.labels(), lam, warm, lbfgs, parallel);
          warm = fit.parameters();
        }
      }
    }
    if (!fit.converged() && !fit.stalled()) {
      LOG.warn("linear probe: L-BFGS stopped after {} iterations with max |gradient| {} > {} (l2 {})", fit.iterations(),
          fit.gradientMax(), settings.tolerance(), l2);
    }
    return new Model(standardizer, regression, fit, l2, cv);
  }

  private double chooseL2(FeatureMatrix train, double[] x, SoftmaxRegression regression, Lbfgs lbfgs,
      Parallel parallel, Map<String, Double> cvOut) {
    List<Double> grid = descending();
    int folds = StratifiedFolds.usable(train.labels(), train.classes(), settings.folds());
    if (folds < 2 || grid.size() == 1) {
      LOG.info("linear probe: {} labeled samples allow no cross-validation; using l2 {}", train.rows(), grid.get(0));
      return grid.get(0);
    }
    int[] fold = StratifiedFolds.assign(train.labels(), train.classes(), folds, seeds.generator("probe-cv-folds"));
    double[] correct = new double[grid.size()];
    for (int f = 0; f < folds; f++) {
      int[] in = rowsWhere(fold, f, false);
      int[] out = rowsWhere(fold, f, true);
      double[] xIn = rows(x, train.cols(), in);
      double[] xOut = rows(x, train.cols(), out);
      int[] yIn = pick(train.labels(), in);
      int[] yOut = pick(train.labels(), out);
      double[] warm = null;
      for (int g = 0; g < grid.size(); g++) {
        SoftmaxRegression.Fit fit = regression.fit(xIn, yIn, grid.get(g), warm, lbfgs, parallel);
        warm = fit.parameters();
        int[] predicted = regression.predict(xOut, out.length, fit.parameters());
        correct[g] += Accuracy.of(predicted, yOut) / folds;
      }
    }
    int best = 0;
    for (int g = 0; g < grid.size(); g++) {
      cvOut.put(Double.toString(grid.get(g)), correct[g]);
      if (correct[g] > correct[best]) { // strict: ties keep the larger L2 (earlier in the descending grid)
        best = g;
      }
    }
    LOG.debug("linear probe CV accuracy by l2: {}", cvOut);
    return grid.get(best);
  }

  private List<Double> descending() {
    List<Double> grid = new ArrayList<>(settings.l2Grid());
    grid.sort(Comparator.reverseOrder());
    return grid;
  }

  private static int[] rowsWhere(int[] fold, int f, boolean equal) {
    return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == equal).toArray();
  }

  private static double[] rows(double[] x, int cols, int[] rows) {
    double[] out = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * cols, out, i * cols, cols);
    }
    return out;
  }

  private static int[] pick(int[] values, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}
