package io.pretext.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pretext.api.PretextUserException;
import io.pretext.api.io.AtomicFiles;
import io.pretext.core.train.RunDirectory;
import io.pretext.runner.report.LineChart;
import io.pretext.runner.report.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Puts the transfer tables of several runs side by side (e.g. SimCLR and context prediction on
 * the same data): one row per run and method, one column per label count.
 */
public final class RunComparison {
  private final Map<String, Map<Integer, Double>> rows = new LinkedHashMap<>();
  private final TreeSet<Integer> labels = new TreeSet<>();

  /** Reads {@code config.yaml} and {@code downstream.json} of each run directory. */
  public static RunComparison of(List<Path> runDirs) {
    RunComparison c = new RunComparison();
    List<RunDirectory> runs = runDirs.stream().map(RunDirectory::open).toList();
    List<String> tasks = runs.stream().map(RunComparison::taskName).toList();
    for (int i = 0; i < runs.size(); i++) {
      RunDirectory run = runs.get(i);
      String task = tasks.get(i);
      if (java.util.Collections.frequency(tasks, task) > 1) {
        task = task + " (" + run.root().getFileName() + ")";
      }
      JsonObject results = read(run.root().resolve(RunReporter.DOWNSTREAM_JSON), run).getAsJsonObject();
      for (JsonElement e : results.getAsJsonArray("cells")) {
        JsonObject cell = e.getAsJsonObject();
        String row = task + ": " + cell.get("method").getAsString();
        int n = cell.get("labels").getAsInt();
        c.rows.computeIfAbsent(row, k -> new TreeMap<>()).put(n, 100 * cell.get("accuracy").getAsDouble());
        c.labels.add(n);
      }
    }
    return c;
  }

  /** The table in Markdown, accuracy in percent. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder("| run: method |");
    labels.forEach(n -> md.append(' ').append(n).append(" labels |"));
    md.append("\n|---|");
    labels.forEach(n -> md.append("--:|"));
    md.append('\n');
    rows.forEach((row, cells) -> {
      md.append("| ").append(row).append(" |");
      labels.forEach(n -> md.append(' ').append(cells.containsKey(n)
          ? String.format(Locale.ROOT, "%.2f", cells.get(n)) : "").append(" |"));
      md.append('\n');
    });
    return md.toString();
  }

  /** Writes {@code comparison.md} and {@code comparison.png} (accuracy against labels) into a folder. */
  public Path write(Path folder) {
    try {
      Files.createDirectories(folder);
      LineChart.Builder chart = LineChart.builder().title("Label efficiency").xLabel("labeled examples (log scale)")
          .yLabel("accuracy (%)").logX(true);
      rows.forEach((row, cells) -> chart.series(Series.of(row,
          cells.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
          cells.values().stream().mapToDouble(Double::doubleValue).toArray())));
      chart.build().writePng(folder.resolve("comparison.png"));
      Path md = folder.resolve("comparison.md");
      AtomicFiles.writeString(md, "# Transfer, side by side\n\nTest accuracy (%).\n\n" + toMarkdown()
          + "\n![Accuracy against labeled examples](comparison.png)\n");
      return md;
    } catch (IOException e) {
      throw new PretextUserException("Cannot write the comparison into " + folder + ": " + e.getMessage(), e);
    }
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

  /** The label counts seen, for callers that print their own table. */
  public List<Integer> labelCounts() {
    return new ArrayList<>(labels);
  }
}
