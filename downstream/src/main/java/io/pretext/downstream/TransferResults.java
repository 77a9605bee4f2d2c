package io.pretext.downstream;

import com.google.gson.GsonBuilder;
import io.pretext.api.transfer.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The transfer table: one row per method, one column per label budget, test accuracy in percent;
 * rendered as Markdown (report) or plain text (CLI), and as plain maps and lists for JSON and plots.
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
   */
  public record Cell(String method, String budget, int labels, EvaluationResult result, double wallSeconds) {}

  private final List<String> methods;
  private final List<String> budgets;
  private final List<Cell> cells;
  private final int testSize;

  /**
   * @param methods rows in order
   * @param budgets columns in order
   * @param cells the measurements (a missing cell renders as "-")
   * @param testSize the test set's size
   */
  public TransferResults(List<String> methods, List<String> budgets, List<Cell> cells, int testSize) {
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

  /** The cell of a method and budget. */
  public Optional<Cell> cell(String method, String budget) {
    return cells.stream().filter(c -> c.method().equals(method) && c.budget().equals(budget)).findFirst();
  }

  /** Test accuracy in [0, 1], or NaN when missing. */
  public double accuracy(String method, String budget) {
    return cell(method, budget).map(c -> c.result().accuracy()).orElse(Double.NaN);
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

  /** Plain maps and lists (JSON-able): methods, budgets, test size and every cell with timings and extras. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("methods", methods);
    m.put("budgets", budgets);
    m.put("test_size", testSize);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", c.method());
      row.put("budget", c.budget());
      row.put("labels", c.labels());
      row.put("accuracy", c.result().accuracy());
      row.put("train_seconds", c.result().trainSeconds());
      row.put("test_seconds", c.result().testSeconds());
      row.put("wall_seconds", c.wallSeconds());
      row.put("extras", c.result().extras());
      out.add(row);
    }
    m.put("cells", out);
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
    double a = accuracy(method, budget);
    return Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * a);
  }
}
