package io.pretext.runner.report;

import io.pretext.api.io.AtomicFiles;
import io.pretext.core.train.OnlineMonitor;
import io.pretext.core.train.RunDirectory;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's {@code report.md} and its plots ({@code plots/loss.png},
 * {@code plots/label-efficiency.png}) into the run directory, atomically. Sections: configuration,
 * pretraining (numbers, loss curve, the online monitor's accuracy per epoch ({@code
 * plots/monitor.png} and a table), per-epoch means, stage timings), downstream (results table and
 * label-efficiency plot), export, notes; each only when its data is present. A plot that cannot be
 * drawn is left out with a note instead of failing the report.
 */
public final class RunReport {
  /** The loss plot's file name inside the plots folder. */
  public static final String LOSS_PLOT = "loss.png";
  /** The online monitor's plot (kNN and online probe accuracy per epoch) inside the plots folder. */
  public static final String MONITOR_PLOT = "monitor.png";
  /** The label-efficiency plot's file name inside the plots folder. */
  public static final String LABEL_EFFICIENCY_PLOT = "label-efficiency.png";
  /** Per-epoch means are tabulated up to this many epochs. */
  static final int MAX_EPOCH_ROWS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  /** Writes the plots and {@code report.md}; returns the report's path. */
  public Path write(RunDirectory run, ReportData data) throws IOException {
    List<String> plotNotes = new ArrayList<>();
    String lossLink = plot(run, LOSS_PLOT, lossChart(data), plotNotes);
    String monitorLink = plot(run, MONITOR_PLOT, monitorChart(data), plotNotes);
    String efficiencyLink = plot(run, LABEL_EFFICIENCY_PLOT, labelEfficiencyChart(data), plotNotes);
    String markdown = markdown(run, data, lossLink, efficiencyLink, plotNotes);
    if (monitorLink != null) {
      markdown = withMonitor(markdown, monitorLink);
    }
    AtomicFiles.writeString(run.report(), markdown);
    LOG.info("report written to {}", run.report());
    return run.report();
  }

  /** Writes one chart; returns its link relative to the report, or null when there is no chart or it failed. */
  private static String plot(RunDirectory run, String name, LineChart chart, List<String> notes) {
    if (chart == null) {
      return null;
    }
    Path file = run.plots().resolve(name);
    try {
      chart.writePng(file);
    } catch (IOException | RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vm) {
        throw vm;
      }
      LOG.warn("could not draw {}: {}", file, e.toString());
      notes.add("The plot " + name + " could not be drawn: " + e);
      return null;
    }
    return run.root().relativize(file).toString().replace('\\', '/');
  }

  /** The loss per step and its moving average, or null when the metrics have no loss. */
  static LineChart lossChart(ReportData data) {
    MetricsLog log = data.metrics().orElse(null);
    if (log == null) {
      return null;
    }
    double[] loss = log.series("loss");
    if (Arrays.stream(loss).noneMatch(Double::isFinite)) {
      return null;
    }
    double[] steps = log.steps();
    LineChart.Builder chart = LineChart.builder().title("Pretraining loss").xLabel("step").yLabel("loss");
    int window = Stats.windowFor(loss.length);
    if (window > 1) {
      chart.series(Series.of("loss", steps, loss).withMarkers(false).withWidth(1.2f)
          .withColor(new Color(0xA0BBD6)));
      chart.series(Series.of("moving average (" + window + " steps)", steps, Stats.movingAverage(loss, window))
          .withMarkers(false).withWidth(2.5f).withColor(new Color(0xE8772E)));
    } else {
      chart.series(Series.of("loss", steps, loss));
    }
    return chart.build();
  }

  /**
   * The online monitor's accuracies (percent) against the epoch: its kNN and, when it was on, its
   * online linear probe; null when the metrics hold no monitor line.
   */
  static LineChart monitorChart(ReportData data) {
    List<Map<String, Double>> lines = monitorLines(data);
    if (lines.isEmpty()) {
      return null;
    }
    LineChart.Builder chart = LineChart.builder().title("Online monitor").xLabel("epoch").yLabel("accuracy (%)");
    chart.series(monitorSeries("kNN", lines, OnlineMonitor.KNN));
    if (lines.stream().anyMatch(l -> l.containsKey(OnlineMonitor.PROBE))) {
      chart.series(monitorSeries("online linear probe", lines, OnlineMonitor.PROBE));
    }
    return chart.build();
  }

  private static List<Map<String, Double>> monitorLines(ReportData data) {
    return data.metrics().map(log -> log.records(OnlineMonitor.STREAM).stream()
        .filter(l -> l.containsKey("epoch") && l.containsKey(OnlineMonitor.KNN)).toList()).orElse(List.of());
  }

  private static Series monitorSeries(String name, List<Map<String, Double>> lines, String key) {
    List<Map<String, Double>> with = lines.stream().filter(l -> l.containsKey(key)).toList();
    return Series.of(name, with.stream().mapToDouble(l -> l.get("epoch")).toArray(),
        with.stream().mapToDouble(l -> 100 * l.get(key)).toArray()).withMarkers(true);
  }

  /** Puts the monitor's plot and table right after the loss plot (or at the pretraining section's end). */
  private static String withMonitor(String markdown, String monitorLink) {
    String block = "\n![Online monitor: accuracy per epoch](" + monitorLink + ")\n";
    int loss = markdown.indexOf("![Loss per step](");
    if (loss >= 0) {
      int end = markdown.indexOf('\n', loss);
      return markdown.substring(0, end + 1) + block + markdown.substring(end + 1);
    }
    return markdown + block;
  }

  /** Accuracy against label count (log x), one line per method; null without any downstream cell. */
  static LineChart labelEfficiencyChart(ReportData data) {
    DownstreamResults results = data.downstream().orElse(null);
    if (results == null) {
      return null;
    }
    LineChart.Builder chart = LineChart.builder().title("Label efficiency").xLabel("labeled examples (log scale)")
        .yLabel("accuracy (%)").logX(true);
    boolean anyCell = false;
    for (String method : results.methods()) {
      // blank cells are left out, so a method's line joins the label counts it was run with
      List<Long> counts = results.labelCounts().stream().filter(c -> results.accuracy(method, c).isPresent()).toList();
      double[] x = counts.stream().mapToDouble(Long::doubleValue).toArray();
      double[] y = counts.stream().mapToDouble(c -> results.accuracy(method, c).getAsDouble()).toArray();
      chart.series(Series.of(method, x, y).withMarkers(true));
      anyCell |= !counts.isEmpty();
    }
    return anyCell ? chart.build() : null;
  }

  /** The report's Markdown text, given the links of the plots that were written (null: none). */
  static String markdown(RunDirectory run, ReportData data, String lossLink, String efficiencyLink,
      List<String> plotNotes) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(data.title()).append(" — ").append(run.root().getFileName()).append("\n\n");
    md.append("Generated ").append(Formats.date(data.generatedAt())).append(" · run directory `")
        .append(run.root()).append("`\n");
    data.configYaml().ifPresent(yaml -> configSection(md, yaml));
    pretrainingSection(md, data, lossLink);
    data.downstream().filter(d -> !d.isEmpty()).ifPresent(d -> downstreamSection(md, d, efficiencyLink));
    if (!data.exportLines().isEmpty()) {
      md.append("\n## Export\n\n");
      data.exportLines().forEach(l -> md.append("- ").append(l).append('\n'));
    }
    List<String> notes = new ArrayList<>(data.notes());
    notes.addAll(plotNotes);
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(l -> md.append("- ").append(l).append('\n'));
    }
    return md.toString();
  }

  private static void configSection(StringBuilder md, String yaml) {
    String fence = yaml.contains("```") ? "~~~~" : "```";
    md.append("\n## Configuration\n\n").append(fence).append("yaml\n").append(yaml.stripTrailing()).append('\n')
        .append(fence).append('\n');
  }

  private static void pretrainingSection(StringBuilder md, ReportData data, String lossLink) {
    Pretraining p = data.pretraining().orElse(null);
    boolean any = p != null || lossLink != null || data.peakRssBytes().isPresent();
    if (any) {
      md.append("\n## Pretraining\n\n");
      if (p != null || data.peakRssBytes().isPresent()) {
        md.append("| | |\n|---|--:|\n");
        if (p != null) {
          row(md, "steps", Long.toString(p.steps()));
          row(md, "epochs", Integer.toString(p.epochs()));
          row(md, "final loss", Formats.loss(p.finalLoss()));
          row(md, "median step", Formats.millis(p.medianStepMillis()));
          row(md, "throughput (median)", Formats.rate(p.samplesPerSecond()));
          row(md, "waiting for data", Formats.share(p.dataWaitFraction()));
          row(md, "wall time", Formats.seconds(p.wallSeconds()));
          if (p.skippedImages() > 0) {
            row(md, "images skipped (did not decode)", Long.toString(p.skippedImages()));
          }
        }
        data.peakRssBytes().ifPresent(b -> row(md, "peak RSS", Formats.bytes(b)));
        if (p != null && !p.complete()) {
          md.append("\nThe run ended before its summary line: these numbers come from the steps it logged.\n");
        }
      }
      if (lossLink != null) {
        md.append("\n![Loss per step](").append(lossLink).append(")\n");
      }
      data.metrics().ifPresent(log -> epochTable(md, log));
      monitorTable(md, monitorLines(data));
    }
    if (!data.stages().isEmpty()) {
      md.append(any ? "\n### Stage timings\n\n" : "\n## Stage timings\n\n");
      md.append("| stage | time |\n|---|--:|\n");
      data.stages().forEach(s -> row(md, s.stage(), Formats.duration(s.duration())));
    }
  }

  private static void epochTable(StringBuilder md, MetricsLog log) {
    SortedMap<Integer, Double> loss = log.epochMeans("loss");
    if (loss.isEmpty() || loss.size() > MAX_EPOCH_ROWS) {
      return;
    }
    SortedMap<Integer, Double> rate = log.epochMeans("samples_per_s");
    Map<Integer, Double> rss = new java.util.HashMap<>();
    for (Map<String, Double> r : log.records("resources")) {
      if (r.get("epoch") != null && r.get("rss_bytes") != null) {
        rss.put(r.get("epoch").intValue(), r.get("rss_bytes"));
      }
    }
    boolean withRss = !rss.isEmpty();
    md.append("\n### Per epoch\n\n| epoch | mean loss | mean samples/s |").append(withRss ? " RSS at the end (GiB) |" : "")
        .append("\n|--:|--:|--:|").append(withRss ? "--:|" : "").append('\n');
    for (Map.Entry<Integer, Double> e : loss.entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(Formats.loss(e.getValue())).append(" | ")
          .append(Formats.fixed(rate.getOrDefault(e.getKey(), Double.NaN), 1)).append(" |");
      if (withRss) {
        Double b = rss.get(e.getKey());
        md.append(' ').append(b == null ? "" : Formats.fixed(b / (1L << 30), 2)).append(" |");
      }
      md.append('\n');
    }
  }

  private static void monitorTable(StringBuilder md, List<Map<String, Double>> lines) {
    if (lines.isEmpty() || lines.size() > MAX_EPOCH_ROWS) {
      return;
    }
    boolean probe = lines.stream().anyMatch(l -> l.containsKey(OnlineMonitor.PROBE));
    md.append("\n### Online monitor\n\nAccuracy (%) of the frozen features on the monitor's held-out slice")
        .append(" (train.monitor-samples)")
        .append("\n\n| epoch | step | kNN |").append(probe ? " online linear probe |" : "")
        .append("\n|--:|--:|--:|").append(probe ? "--:|" : "").append('\n');
    for (Map<String, Double> l : lines) {
      md.append("| ").append(l.get("epoch").intValue()).append(" | ")
          .append(l.containsKey("step") ? Long.toString(l.get("step").longValue()) : "").append(" | ")
          .append(Formats.accuracy(100 * l.get(OnlineMonitor.KNN))).append(" |");
      if (probe) {
        Double p = l.get(OnlineMonitor.PROBE);
        md.append(' ').append(p == null ? "" : Formats.accuracy(100 * p)).append(" |");
      }
      md.append('\n');
    }
  }

  private static void downstreamSection(StringBuilder md, DownstreamResults d, String efficiencyLink) {
    md.append("\n## Downstream\n\n");
    if (!d.caption().isEmpty()) {
      md.append(d.caption()).append("\n\n");
    }
    md.append("| method |");
    d.labelCounts().forEach(c -> md.append(' ').append(c).append(" labels |"));
    md.append("\n|---|");
    d.labelCounts().forEach(c -> md.append("--:|"));
    md.append('\n');
    for (String method : d.methods()) {
      md.append("| ").append(Formats.cell(method)).append(" |");
      for (long c : d.labelCounts()) {
        md.append(' ').append(d.accuracy(method, c).isPresent() ? Formats.accuracy(d.accuracy(method, c).getAsDouble())
            : "").append(" |");
      }
      md.append('\n');
    }
    md.append("\nAccuracy in percent; a blank cell was not run.\n");
    if (efficiencyLink != null) {
      md.append("\n![Accuracy against labeled examples](").append(efficiencyLink).append(")\n");
    }
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(Formats.cell(name)).append(" | ").append(Formats.cell(value)).append(" |\n");
  }
}
