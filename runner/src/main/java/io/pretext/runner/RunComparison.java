package io.pretext.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pretext.api.PretextUserException;
import io.pretext.api.io.AtomicFiles;
import io.pretext.core.train.RunDirectory;
import io.pretext.runner.report.LineChart;
import io.pretext.runner.report.MetricsLog;
import io.pretext.runner.report.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The comparison of methods as one table (issue 13's layout): for each run, its pretext task (or
 * the run's name when two runs share one) with one row per evaluator that reads the pretrained
 * encoder (linear probe, kNN, fine-tune), then the baselines (from scratch, raw pixels, the
 * random-init probe) once, from the first run that has each (a run of the baselines alone, or a
 * method's run); one column per label count, each
 * cell the mean ± sample sd when the run measured several subset seeds. A second table gives
 * each method's pretraining cost: epochs, wall time, median step and peak RSS, from the run's
 * {@code metrics.jsonl}.
 */
public final class RunComparison {
  /** Evaluator rows known to be baselines, for runs written before {@code downstream.json} named them. */
  private static final Set<String> KNOWN_BASELINES = Set.of("from scratch", "linear probe, random-init encoder",
      "logistic regression, raw pixels", "kNN, raw pixels", "logistic regression, bag of words");

  /** One cell: accuracies (percent) over the subset seeds. */
  record Cell(List<Double> percents) {
    double mean() {
      return percents.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double sd() {
      int n = percents.size();
      if (n < 2) {
        return Double.NaN;
      }
      double m = mean();
      return Math.sqrt(percents.stream().mapToDouble(p -> (p - m) * (p - m)).sum() / (n - 1));
    }

    String text() {
      return percents.size() < 2 ? fixed(mean(), 2) : fixed(mean(), 2) + " ± " + fixed(sd(), 2);
    }
  }

  /** One row: who and which evaluator, and its cells per label count. */
  record Row(String method, String evaluator, Map<Integer, Cell> cells) {}

  /** One run's pretraining cost; NaN or empty where the run did not record it. */
  record Cost(String method, String run, int epochs, double wallSeconds, double medianStepMillis,
      OptionalDouble peakRssBytes) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<Row> baselines = new ArrayList<>();
  private final List<Cost> costs = new ArrayList<>();
  private final TreeSet<Integer> labels = new TreeSet<>();
  private int mostSeeds = 1;

  /**
   * Reads {@code config.yaml}, {@code downstream.json} and {@code metrics.jsonl} of each run directory.
   * A run whose rows are all baselines (e.g. the benchmark's one run of the baselines) gives the
   * "baseline" rows and no method: it has no name among the methods and no cost row.
   */
  public static RunComparison of(List<Path> runDirs) {
    RunComparison c = new RunComparison();
    List<RunDirectory> runs = runDirs.stream().map(RunDirectory::open).toList();
    List<JsonObject> results = runs.stream()
        .map(run -> read(run.root().resolve(RunReporter.DOWNSTREAM_JSON), run).getAsJsonObject()).toList();
    List<Boolean> baselinesOnly = results.stream().map(r -> {
      Set<String> evaluators = cells(r).keySet();
      return !evaluators.isEmpty() && baselineNames(r).containsAll(evaluators);
    }).toList();
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      tasks.add(baselinesOnly.get(i) ? null : taskName(runs.get(i)));
    }
    long methodRuns = baselinesOnly.stream().filter(b -> !b).count();
    Map<String, String> baselineFrom = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      RunDirectory run = runs.get(i);
      String task = tasks.get(i);
      if (task != null && Collections.frequency(tasks, task) > 1) {
        task = task + " (" + run.root().getFileName() + ")";
      }
      Set<String> baselineNames = baselineNames(results.get(i));
      for (Map.Entry<String, Map<Integer, Cell>> e : cells(results.get(i)).entrySet()) {
        String evaluator = e.getKey();
        e.getValue().values().forEach(cell -> c.mostSeeds = Math.max(c.mostSeeds, cell.percents().size()));
        c.labels.addAll(e.getValue().keySet());
        if (!baselineNames.contains(evaluator)) {
          c.rows.add(new Row(task, evaluator, e.getValue()));
        } else if (!baselineFrom.containsKey(evaluator)) {
          baselineFrom.put(evaluator, String.valueOf(task));
          c.baselines.add(new Row(task == null || methodRuns <= 1 ? "baseline" : "baseline (" + task + ")", evaluator,
              e.getValue()));
        }
      }
      if (task != null) {
        c.costs.add(cost(task, run));
      }
    }
    return c;
  }

  /** Evaluator name → label count → accuracies over seeds, in the order of {@code downstream.json}. */
  private static Map<String, Map<Integer, Cell>> cells(JsonObject results) {
    Map<String, Map<Integer, List<Double>>> values = new LinkedHashMap<>();
    if (results.has("summary")) {
      for (JsonElement e : results.getAsJsonArray("summary")) {
        JsonObject row = e.getAsJsonObject();
        List<Double> percents = new ArrayList<>();
        row.getAsJsonArray("accuracies").forEach(a -> percents.add(100 * a.getAsDouble()));
        values.computeIfAbsent(row.get("method").getAsString(), k -> new TreeMap<>())
            .put(row.get("labels").getAsInt(), percents);
      }
    } else { // runs written before subset seeds: one cell per method and budget
      for (JsonElement e : results.getAsJsonArray("cells")) {
        JsonObject cell = e.getAsJsonObject();
        values.computeIfAbsent(cell.get("method").getAsString(), k -> new TreeMap<>())
            .computeIfAbsent(cell.get("labels").getAsInt(), k -> new ArrayList<>())
            .add(100 * cell.get("accuracy").getAsDouble());
      }
    }
    Map<String, Map<Integer, Cell>> out = new LinkedHashMap<>();
    values.forEach((method, byLabels) -> {
      Map<Integer, Cell> cells = new TreeMap<>();
      byLabels.forEach((n, p) -> cells.put(n, new Cell(List.copyOf(p))));
      out.put(method, cells);
    });
    return out;
  }

  private static Set<String> baselineNames(JsonObject results) {
    if (!results.has("baselines")) {
      return KNOWN_BASELINES;
    }
    Set<String> names = new java.util.HashSet<>();
    results.getAsJsonArray("baselines").forEach(b -> names.add(b.getAsString()));
    return names;
  }

  private static Cost cost(String task, RunDirectory run) {
    String name = run.root().getFileName().toString();
    if (!Files.isRegularFile(run.metrics())) {
      return new Cost(task, name, -1, Double.NaN, Double.NaN, OptionalDouble.empty());
    }
    try {
      MetricsLog log = MetricsLog.read(run.metrics());
      Map<String, Double> summary = log.summary().orElse(Map.of());
      int epochs = summary.containsKey("epochs") ? summary.get("epochs").intValue()
          : log.records(MetricsLog.TRAIN).stream().mapToInt(r -> r.getOrDefault("epoch", 0.0).intValue()).max().orElse(-1);
      double median = summary.containsKey("median_step_ms") ? summary.get("median_step_ms") : log.median("step_ms");
      OptionalDouble peak = log.records("resources").stream().filter(r -> r.containsKey("peak_rss_bytes"))
          .mapToDouble(r -> r.get("peak_rss_bytes")).max();
      return new Cost(task, name, epochs, summary.getOrDefault("wall_s", Double.NaN), median, peak);
    } catch (IOException | RuntimeException e) {
      throw new PretextUserException("Cannot read " + run.metrics() + " (" + e.getMessage() + "); give the directories"
          + " of finished runs.", e);
    }
  }

  /** Both tables in Markdown, accuracy in percent, ready to paste into BENCHMARKS.md. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder("| method | evaluator |");
    labels.forEach(n -> md.append(' ').append(n).append(" labels |"));
    md.append("\n|---|---|");
    labels.forEach(n -> md.append("--:|"));
    md.append('\n');
    List<Row> all = new ArrayList<>(rows);
    all.addAll(baselines);
    for (Row row : all) {
      md.append("| ").append(cell(row.method())).append(" | ").append(cell(row.evaluator())).append(" |");
      labels.forEach(n -> md.append(' ').append(row.cells().containsKey(n) ? row.cells().get(n).text() : "")
          .append(" |"));
      md.append('\n');
    }
    md.append("\nTest accuracy (%)").append(mostSeeds > 1
        ? "; mean ± sample sd over the subset seeds a row ran with (downstream.subset-seeds, end-to-end-seeds)" : "")
        .append(". Baselines do not read the pretrained encoder and are shown once.\n");
    md.append("\n| method | run | epochs | pretraining time | median step | peak RSS |\n|---|---|--:|--:|--:|--:|\n");
    for (Cost c : costs) {
      md.append("| ").append(cell(c.method())).append(" | ").append(cell(c.run())).append(" | ")
          .append(c.epochs() < 0 ? "" : Integer.toString(c.epochs())).append(" | ")
          .append(Double.isNaN(c.wallSeconds()) ? "" : c.wallSeconds() < 120 ? fixed(c.wallSeconds(), 0) + " s"
              : fixed(c.wallSeconds() / 60, 1) + " min").append(" | ")
          .append(Double.isNaN(c.medianStepMillis()) ? "" : fixed(c.medianStepMillis(), 0) + " ms").append(" | ")
          .append(c.peakRssBytes().isPresent() ? fixed(c.peakRssBytes().getAsDouble() / (1L << 30), 2) + " GiB" : "")
          .append(" |\n");
    }
    return md.toString();
  }

  /** Writes {@code comparison.md} and {@code comparison.png} (accuracy against labels) into a folder. */
  public Path write(Path folder) {
    try {
      Files.createDirectories(folder);
      LineChart.Builder chart = LineChart.builder().title("Label efficiency").xLabel("labeled examples (log scale)")
          .yLabel("accuracy (%)").logX(true);
      List<Row> all = new ArrayList<>(rows);
      all.addAll(baselines);
      for (Row row : all) {
        chart.series(Series.of(row.method() + ": " + row.evaluator(),
            row.cells().keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
            row.cells().values().stream().mapToDouble(Cell::mean).toArray()));
      }
      chart.build().writePng(folder.resolve("comparison.png"));
      Path md = folder.resolve("comparison.md");
      AtomicFiles.writeString(md, "# Methods compared\n\n" + toMarkdown()
          + "\n![Accuracy against labeled examples](comparison.png)\n");
      return md;
    } catch (IOException e) {
      throw new PretextUserException("Cannot write the comparison into " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The label counts seen, for callers that print their own table. */
  public List<Integer> labelCounts() {
    return new ArrayList<>(labels);
  }

  private static String taskName(RunDirectory run) {
    try {
      Object yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(run.config(), StandardCharsets.UTF_8));
      if (yaml instanceof Map<?, ?> m && m.get("pretext") instanceof Map<?, ?> p && p.get("name") != null) {
        return String.valueOf(p.get("name"));
      }
      return run.root().getFileName().toString();
    } catch (IOException | RuntimeException e) {
      throw new PretextUserException("Cannot read " + run.config() + ": " + e.getMessage()
          + ". Give the directories of finished runs.", e);
    }
  }

  private static JsonElement read(Path file, RunDirectory run) {
    try {
      return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new PretextUserException("Cannot read " + file + " (" + e.getMessage() + "): the run " + run.root()
          + " has no transfer results; run 'pretext transfer --encoder " + run.root() + "' first.", e);
    }
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
