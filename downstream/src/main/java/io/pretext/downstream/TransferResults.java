package io.pretext.downstream;

import com.google.gson.GsonBuilder;
import io.pretext.api.transfer.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transfer table: one row per method, one column per label budget, test accuracy in percent;
 * rendered as Markdown (report) or plain text (CLI), and as plain maps and lists for JSON and plots.
 * A cell measured on several subset seeds shows their mean ± sample standard deviation ({@link
 * Spread}); {@link #accuracy} is the mean.
 */
public final class TransferResults {

  /**
   * One measurement.
   *
   * @param method the row
   * @param budget the column, e.g. {@code 600}
   * @param labels the labeled subset's actual size
   * @param result what the evaluator returned
   * @param wallSeconds the evaluator's whole wall time
   * @param seed the subset seed of the labeled subset ({@link LabeledSubsets})
   */
  public record Cell(String method, String budget, int labels, EvaluationResult result, double wallSeconds,
      int seed) {
    /** A cell of the default subset seed, 0. */
    public Cell(String method, String budget, int labels, EvaluationResult result, double wallSeconds) {
      this(method, budget, labels, result, wallSeconds, 0);
    }
  }

  private final List<String> methods;
  private final List<String> budgets;
  private final List<Cell> cells;
  private final int testSize;
  private final List<String> baselines;

  /**
   * @param methods rows in order
   * @param budgets columns in order
   * @param cells the measurements (a missing cell renders as "-")
   * @param testSize the test set's size
   */
  public TransferResults(List<String> methods, List<String> budgets, List<Cell> cells, int testSize) {
    this(methods, budgets, cells, testSize, List.of());
  }

  /**
   * As above, naming the rows that are baselines (they do not read the pretrained weights).
   *
   * @param baselines methods among {@code methods} that a comparison of runs shows once
   */
  public TransferResults(List<String> methods, List<String> budgets, List<Cell> cells, int testSize,
      List<String> baselines) {
    this.baselines = List.copyOf(baselines);
    this.methods = List.copyOf(methods);
    this.budgets = List.copyOf(budgets);
    this.cells = List.copyOf(cells);
    this.testSize = testSize;
  }

  public List<String> methods() {
    return methods;
  }

  public List<String> budgets() {
    return budgets;
  }

  public List<Cell> cells() {
    return cells;
  }

  public int testSize() {
    return testSize;
  }

  /** The rows that do not read the pretrained weights (from scratch, random-init probe, raw pixels). */
  public List<String> baselines() {
    return baselines;
  }

  /** The cell of a method and budget (the first subset seed's, when there are several). */
  public Optional<Cell> cell(String method, String budget) {
    return cells.stream().filter(c -> c.method().equals(method) && c.budget().equals(budget)).findFirst();
  }

  /** Every subset seed's cell of a method and budget, in seed order of the run. */
  public List<Cell> cells(String method, String budget) {
    return cells.stream().filter(c -> c.method().equals(method) && c.budget().equals(budget)).toList();
  }

  /** The test accuracies (in [0, 1]) of a method and budget over its subset seeds. */
  public Spread spread(String method, String budget) {
    return Spread.of(cells(method, budget).stream().map(c -> c.result().accuracy()).toList());
  }

  /** Test accuracy in [0, 1] (the mean over subset seeds), or NaN when missing. */
  public double accuracy(String method, String budget) {
    return spread(method, budget).mean();
  }

  /** A GitHub-flavoured Markdown table: method, then test accuracy % per label budget. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| method |");
    budgets.forEach(b -> sb.append(' ').append(header(b)).append(" |"));
    sb.append("\n|---|");
    budgets.forEach(b -> sb.append("---:|"));
    sb.append('\n');
    for (String m : methods) {
      sb.append("| ").append(m).append(" |");
      for (String b : budgets) {
        sb.append(' ').append(percent(m, b)).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** An aligned plain-text table for the console. */
  public String toText() {
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[budgets.size() + 1];
    head[0] = "method";
    for (int i = 0; i < budgets.size(); i++) {
      head[i + 1] = header(budgets.get(i));
    }
    rows.add(head);
    for (String m : methods) {
      String[] r = new String[budgets.size() + 1];
      r[0] = m;
      for (int i = 0; i < budgets.size(); i++) {
        r[i + 1] = percent(m, budgets.get(i));
      }
      rows.add(r);
    }
    int[] width = new int[head.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder("test accuracy (%) on " + testSize + " test samples\n");
    for (int k = 0; k < rows.size(); k++) {
      String[] r = rows.get(k);
      for (int i = 0; i < r.length; i++) {
        String pad = " ".repeat(width[i] - r[i].length());
        sb.append(i == 0 ? r[i] + pad : "  " + pad + r[i]);
      }
      sb.append('\n');
      if (k == 0) {
        int total = width[0];
        for (int i = 1; i < width.length; i++) {
          total += width[i] + 2;
        }
        sb.append("-".repeat(total)).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Plain maps and lists (JSON-able): methods, budgets, test size, baselines, every cell with its
   * subset seed, timings and extras, and a summary per method and budget (seeds, accuracies, mean, sd).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("methods", methods);
    m.put("budgets", budgets);
    m.put("test_size", testSize);
    m.put("baselines", baselines);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", c.method());
      row.put("budget", c.budget());
      row.put("labels", c.labels());
      row.put("seed", c.seed());
      row.put("accuracy", c.result().accuracy());
      row.put("train_seconds", c.result().trainSeconds());
      row.put("test_seconds", c.result().testSeconds());
      row.put("wall_seconds", c.wallSeconds());
      row.put("extras", c.result().extras());
      out.add(row);
    }
    m.put("cells", out);
    List<Map<String, Object>> summary = new ArrayList<>();
    for (String method : methods) {
      for (String budget : budgets) {
        List<Cell> of = cells(method, budget);
        if (of.isEmpty()) {
          continue;
        }
        Spread spread = spread(method, budget);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", method);
        row.put("budget", budget);
        row.put("labels", of.get(0).labels());
        row.put("seeds", of.stream().map(Cell::seed).toList());
        row.put("accuracies", of.stream().map(c -> c.result().accuracy()).toList());
        row.put("mean", spread.mean());
        row.put("sd", spread.sd());
        summary.add(row);
      }
    }
    m.put("summary", summary);
    return m;
  }

  /** {@link #toMap()} as pretty-printed JSON. */
  public String toJson() {
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(toMap());
  }

  private static String header(String budget) {
    return budget + " labels";
  }

  private String percent(String method, String budget) {
    return spread(method, budget).percent();
  }
}
