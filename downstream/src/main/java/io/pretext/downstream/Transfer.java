package io.pretext.downstream;

import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.transfer.TransferContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream step as a library call: draws every label budget's stratified subset from the
 * labeled training split (all budgets first, so a bad budget fails before any work), then runs
 * every evaluator on every budget and collects the {@link TransferResults}. With several
 * {@link SubsetSeeds}, each seed draws its own nested subsets and every evaluator runs on the
 * subsets of each of its seeds (frozen-feature ones {@code downstream.subset-seeds}, end-to-end ones
 * {@code downstream.end-to-end-seeds}); the evaluators' own random streams are the run's for every
 * seed, so the seeds vary the labeled samples only.
 *
 * <pre>{@code
 * TransferResults r = Transfer.fromConfig(config.downstream(), plugins.evaluators()).run(context, splits);
 * System.out.print(r.toText());
 * }</pre>
 */
public final class Transfer {
  private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);
  private final List<DownstreamEvaluator> evaluators;
  private final List<LabelBudget> budgets;
  private final String budgetKey;
  private final SubsetSeeds seeds;

  /**
   * @param evaluators the table's rows, in order
   * @param budgets the table's columns, in order
   */
  public Transfer(List<DownstreamEvaluator> evaluators, List<LabelBudget> budgets) {
    this(evaluators, budgets, SubsetSeeds.DEFAULT);
  }

  /**
   * @param evaluators the table's rows, in order
   * @param budgets the table's columns, in order
   * @param seeds the subset seeds of each kind of evaluator
   */
  public Transfer(List<DownstreamEvaluator> evaluators, List<LabelBudget> budgets, SubsetSeeds seeds) {
    this.seeds = java.util.Objects.requireNonNull(seeds, "seeds");
    this.evaluators = List.copyOf(evaluators);
    this.budgets = List.copyOf(budgets);
    this.budgetKey = !budgets.isEmpty() && budgets.get(0).isFraction() ? "downstream.fractions" : "downstream.labels";
    if (this.budgets.isEmpty()) {
      throw new IllegalArgumentException("no label budgets");
    }
  }

  /**
   * The evaluators, the budgets ({@code labels} or {@code fractions}) and the seeds ({@code
   * subset-seeds}, {@code end-to-end-seeds}) of a {@code downstream} section.
   */
  public static Transfer fromConfig(ConfigNode downstream, List<DownstreamEvaluator> evaluators) {
    return new Transfer(evaluators, LabelBudget.fromConfig(downstream), SubsetSeeds.fromConfig(downstream));
  }

  /**
   * Runs on a data source's splits: subsets from the training split, accuracy on the test split.
   *
   * @throws PretextUserException when there is no test split or either split lacks labels
   */
  public TransferResults run(TransferContext context, DataSplits<?> splits) {
    Dataset<?> test = splits.test().orElseThrow(() -> new PretextUserException("The downstream step needs a test split,"
        + " but the data source gives only a training split. Use a data source with a test split, or set"
        + " downstream.enabled: false."));
    return run(context, splits.train(), test);
  }

  /**
   * Checks, before any training, that the splits can serve every budget: a labeled test split, the
   * same classes, and enough samples of each class.
   *
   * @throws PretextUserException (a {@link LabelBudgetException} for a budget a class cannot fill)
   */
  public void check(DataSplits<?> splits, io.pretext.api.runtime.SeedSource seeds) {
    Dataset<?> test = splits.test().orElseThrow(() -> new PretextUserException("The downstream step needs a test split,"
        + " but the data source gives only a training split. Use a data source with a test split, or set"
        + " downstream.enabled: false."));
    checkTest(splits.train(), test);
    LabeledSubsets subsets = new LabeledSubsets(splits.train(), seeds, budgetKey);
    budgets.forEach(subsets::indices);
  }

  /** Runs with labeled subsets of {@code train} and accuracy on {@code test}. */
  public TransferResults run(TransferContext context, Dataset<?> train, Dataset<?> test) {
    checkTest(train, test);
    LinkedHashSet<String> methods = new LinkedHashSet<>();
    evaluators.forEach(e -> {
      if (!methods.add(e.method())) {
        throw new PretextUserException("downstream.evaluators lists the method '" + e.method()
            + "' twice; each row of the table must be distinct");
      }
    });
    java.util.Map<Integer, List<LabeledTask>> tasks = new java.util.LinkedHashMap<>();
    for (int seed : seeds.all()) { // every subset first: a budget a class cannot fill fails before any work
      LabeledSubsets subsets = new LabeledSubsets(train, context.seeds(), budgetKey, seed);
      List<LabeledTask> ofSeed = new ArrayList<>();
      for (int b = 0; b < budgets.size(); b++) {
        ofSeed.add(new LabeledTask(subsets.draw(budgets.get(b)), test, budgets.get(b).name(), b));
      }
      tasks.put(seed, ofSeed);
    }
    List<TransferResults.Cell> cells = new ArrayList<>();
    for (int seed : seeds.all()) {
      for (LabeledTask task : tasks.get(seed)) {
        for (DownstreamEvaluator e : evaluators) {
          if (!seeds.of(EvaluatorKinds.endToEnd(e)).contains(seed)) {
            continue;
          }
          LOG.info("transfer: {} with {} labels ({} samples, subset seed {}) ...", e.method(), task.budget(),
              task.labeled().size(), seed);
          long t0 = System.nanoTime();
          EvaluationResult r = e.evaluate(context, task);
          double wall = (System.nanoTime() - t0) / 1e9;
          LOG.info(String.format(Locale.ROOT, "transfer: %s with %s labels (subset seed %d): test accuracy %.2f%%"
              + " (%.1f s) %s", e.method(), task.budget(), seed, 100 * r.accuracy(), wall, r.extras()));
          cells.add(new TransferResults.Cell(e.method(), task.budget(), task.labeled().size(), r, wall, seed));
        }
      }
    }
    List<String> budgetNames = budgets.stream().map(LabelBudget::name).toList();
    List<String> baselines = evaluators.stream().filter(EvaluatorKinds::baseline).map(DownstreamEvaluator::method)
        .toList();
    return new TransferResults(List.copyOf(methods), budgetNames, cells, test.size(), baselines);
  }

  private static void checkTest(Dataset<?> train, Dataset<?> test) {
    if (!test.labeled()) {
      throw new PretextUserException("The downstream step needs a labeled test split, but the test split ("
          + test.size() + " samples) has no labels.");
    }
    if (test.size() == 0) {
      throw new PretextUserException("The downstream test split is empty.");
    }
    if (train.labeled() && !train.classNames().equals(test.classNames())) {
      throw new PretextUserException("The training and test splits have different classes: " + train.classNames()
          + " vs " + test.classNames() + ". Check the data source.");
    }
  }
}
