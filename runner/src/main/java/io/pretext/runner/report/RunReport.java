package io.pretext.runner.report;

import io.pretext.api.io.AtomicFiles;
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
 * pretraining (numbers, loss curve, per-epoch means, stage timings), downstream (results table and
 * label-efficiency plot), export, notes; each only when its data is present. A plot that cannot be
 * drawn is left out with a note instead of failing the report.
 */
public final class RunReport {
  /** The loss plot's file name inside the plots folder. */
  public static final String LOSS_PLOT = "loss.png";
  /** The label-efficiency plot's file name inside the plots folder. */
  public static final String LABEL_EFFICIENCY_PLOT = "label-efficiency.png";
  /** Per-epoch means are tabulated up to this many epochs. */
  static final int MAX_EPOCH_ROWS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  /** Writes the plots and {@code report.md}; returns the report's path. */
  public Path write(RunDirectory run, ReportData data) throws IOException {
    List<String> plotNotes = new ArrayList<>();
    String lossLink = plot(run, LOSS_PLOT, lossChart(data), plotNotes);
    String efficiencyLink = plot(run, LABEL_EFFICIENCY_PLOT, labelEfficiencyChart(data), plotNotes);
    String markdown = markdown(run, data, lossLink, efficiencyLink, plotNotes);
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
