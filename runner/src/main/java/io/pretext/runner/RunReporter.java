package io.pretext.runner;

import io.pretext.api.io.AtomicFiles;
import io.pretext.core.train.RunDirectory;
import io.pretext.downstream.TransferResults;
import io.pretext.runner.report.DownstreamResults;
import io.pretext.runner.report.ReportData;
import io.pretext.runner.report.ResourceMonitor;
import io.pretext.runner.report.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects what the stages of a run produced and writes the run's report and its downstream results. */
final class RunReporter {
  private static final Logger LOG = LoggerFactory.getLogger(RunReporter.class);
  static final String DOWNSTREAM_JSON = "downstream.json";
  private final RunDirectory runDir;
  private final Map<String, Duration> stages = new LinkedHashMap<>();
  private TransferResults transfer;
  private final java.util.List<String> notes = new java.util.ArrayList<>();
  private final java.util.List<String> exports = new java.util.ArrayList<>();

  RunReporter(RunDirectory runDir) {
    this.runDir = runDir;
  }

  void stage(String name, Duration wall) {
    stages.put(name, wall);
  }

  void note(String line) {
    notes.add(line);
  }

  /** Records the transfer table and writes it as JSON into the run directory, with the probes' classifiers. */
  void transfer(TransferResults results, Duration wall) {
    stage("transfer", wall);
    this.transfer = results;
    try {
      AtomicFiles.writeString(runDir.root().resolve(DOWNSTREAM_JSON), results.toJson());
      ProbeFiles.writeAll(runDir, results);
    } catch (IOException e) {
      throw new io.pretext.api.PretextUserException("Cannot write " + DOWNSTREAM_JSON + " into " + runDir.root() + ": " + e, e);
    }
  }

  /** Records the exported ONNX files for the report's export section. */
  void export(io.pretext.runner.onnx.RunExport.Outcome outcome, Duration wall) {
    stage("export", wall);
    exports.add(line(outcome.encoder()));
    outcome.classifier().ifPresent(c -> exports.add(line(c)));
  }

  private String line(io.pretext.core.onnx.ExportResult r) {
    return String.format(java.util.Locale.ROOT, "%s (%.1f KiB), max |ONNX - Java| = %.2g", runDir.root().relativize(r.file()),
        r.bytes() / 1024.0, r.maxAbsDifference());
  }

  /** Writes {@code report.md} and its plots. */
  Path write(ResourceMonitor monitor) {
    try {
      return new RunReport().write(runDir, data(monitor).build());
    } catch (IOException e) {
      throw new io.pretext.api.PretextUserException("Cannot write the report into " + runDir.root() + ": " + e, e);
    }
  }

  /** After a failure: a report of what there is, with the error as a note; never throws. */
  void writeAfterFailure(RuntimeException failure, ResourceMonitor monitor) {
    try {
      new RunReport().write(runDir, data(monitor).note("The run failed: " + failure.getMessage()).build());
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the report of the failed run: {}", e.toString());
    }
  }

  private ReportData.Builder data(ResourceMonitor monitor) throws IOException {
    ReportData.Builder data = ReportData.builder().fromRun(runDir).title("Pretext run");
    stages.forEach(data::stage);
    data.peakRssBytes(monitor.peakRssBytes());
    notes.forEach(data::note);
    exports.forEach(data::export);
    if (transfer != null) {
      data.downstream(downstream(transfer));
    }
    return data;
  }

  static DownstreamResults downstream(TransferResults results) {
    int seeds = (int) results.cells().stream().mapToInt(TransferResults.Cell::seed).distinct().count();
    DownstreamResults.Builder b = DownstreamResults.builder()
        .caption("Test accuracy (%) on " + results.testSize() + " test samples"
            + (seeds > 1 ? "; the mean over the subset seeds each row ran with (downstream.json has each seed's)" : ""));
    results.methods().forEach(b::method);
    for (TransferResults.Cell cell : results.cells()) {
      double mean = results.accuracy(cell.method(), cell.budget());
      if (Double.isFinite(mean)) {
        b.put(cell.method(), cell.labels(), 100 * mean);
      }
    }
    return b.build();
  }
}
