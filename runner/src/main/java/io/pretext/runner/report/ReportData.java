package io.pretext.runner.report;

import io.pretext.core.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a run report says, filled from whatever stages ran; a section whose data is absent is left
 * out of the report. Immutable; build one with {@link #builder()}, usually starting from
 * {@link Builder#fromRun(RunDirectory)}:
 *
 * <pre>{@code
 * ReportData data = ReportData.builder().fromRun(runDir)
 *     .peakRssBytes(monitor.peakRssBytes())
 *     .stage("pretrain", pretrainTime).stage("transfer", transferTime)
 *     .downstream(results)
 *     .export("encoder.onnx: 1.2 MiB, max |ONNX − Java| = 3.1e-6")
 *     .build();
 * }</pre>
 */
public final class ReportData {
  private final String title;
  private final OffsetDateTime generatedAt;
  private final String configYaml;
  private final Pretraining pretraining;
  private final MetricsLog metrics;
  private final Long peakRssBytes;
  private final List<StageTiming> stages;
  private final DownstreamResults downstream;
  private final List<String> exportLines;
  private final List<String> notes;

  private ReportData(Builder b) {
    this.title = b.title;
    this.generatedAt = b.generatedAt != null ? b.generatedAt
        : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    this.configYaml = b.configYaml;
    this.pretraining = b.pretraining;
    this.metrics = b.metrics;
    this.peakRssBytes = b.peakRssBytes;
    this.stages = List.copyOf(b.stages);
    this.downstream = b.downstream;
    this.exportLines = List.copyOf(b.exportLines);
    this.notes = List.copyOf(b.notes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String title() {
    return title;
  }

  public OffsetDateTime generatedAt() {
    return generatedAt;
  }

  /** The resolved configuration as YAML text. */
  public Optional<String> configYaml() {
    return Optional.ofNullable(configYaml);
  }

  public Optional<Pretraining> pretraining() {
    return Optional.ofNullable(pretraining);
  }

  /** The run's metrics, for the loss curve and per-epoch means. */
  public Optional<MetricsLog> metrics() {
    return Optional.ofNullable(metrics);
  }

  public OptionalLong peakRssBytes() {
    return peakRssBytes == null ? OptionalLong.empty() : OptionalLong.of(peakRssBytes);
  }

  /** The stages' wall times, in the order given. */
  public List<StageTiming> stages() {
    return stages;
  }

  public Optional<DownstreamResults> downstream() {
    return Optional.ofNullable(downstream);
  }

  /** Free text lines about the export, e.g. the ONNX file and the largest difference to the Java model. */
  public List<String> exportLines() {
    return exportLines;
  }

  public List<String> notes() {
    return notes;
  }

  /** Collects a report's data; every part is optional. */
  public static final class Builder {
    private String title = "Pretext run report";
    private OffsetDateTime generatedAt;
    private String configYaml;
    private Pretraining pretraining;
    private MetricsLog metrics;
    private Long peakRssBytes;
    private final List<StageTiming> stages = new ArrayList<>();
    private DownstreamResults downstream;
    private final List<String> exportLines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder() {}

    /**
     * Takes what the run folder holds: the resolved config ({@code config.yaml}), the metrics
     * ({@code metrics.jsonl}) with the pretraining numbers and peak RSS they record, and a note per
     * metrics line that could not be read. Missing files are skipped.
     */
    public Builder fromRun(RunDirectory run) throws IOException {
      if (Files.isRegularFile(run.config())) {
        configYaml(Files.readString(run.config()));
      }
      Path file = run.metrics();
      if (Files.isRegularFile(file)) {
        MetricsLog log = MetricsLog.read(file);
        metrics(log);
        Pretraining.fromMetrics(log).ifPresent(this::pretraining);
        log.records(EpochRssSink.STREAM).stream()
            .map(r -> r.getOrDefault("peak_rss_bytes", r.get("rss_bytes")))
            .filter(Objects::nonNull)
            .mapToLong(Double::longValue)
            .max()
            .ifPresent(this::peakRssBytes);
        for (String w : log.warnings()) {
          note(w.replace(file.toString(), run.root().relativize(file).toString()));
        }
      }
      return this;
    }

    public Builder title(String text) {
      this.title = Objects.requireNonNull(text, "title");
      return this;
    }

    /** When the report was made; now (UTC, whole seconds) unless set. */
    public Builder generatedAt(OffsetDateTime time) {
      this.generatedAt = Objects.requireNonNull(time, "time");
      return this;
    }

    public Builder configYaml(String yaml) {
      this.configYaml = Objects.requireNonNull(yaml, "yaml");
      return this;
    }

    public Builder pretraining(Pretraining p) {
      this.pretraining = Objects.requireNonNull(p, "pretraining");
      return this;
    }

    public Builder metrics(MetricsLog log) {
      this.metrics = Objects.requireNonNull(log, "metrics");
      return this;
    }

    public Builder peakRssBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("peak RSS must be positive, was " + bytes);
      }
      this.peakRssBytes = peakRssBytes == null ? bytes : Math.max(peakRssBytes, bytes);
      return this;
    }

    /** Sets the peak RSS when known (e.g. {@link ResourceMonitor#peakRssBytes()}); the larger value is kept. */
    public Builder peakRssBytes(OptionalLong bytes) {
      bytes.ifPresent(this::peakRssBytes);
      return this;
    }

    public Builder stage(String name, Duration duration) {
      stages.add(new StageTiming(name, duration));
      return this;
    }

    public Builder downstream(DownstreamResults results) {
      this.downstream = Objects.requireNonNull(results, "downstream");
      return this;
    }

    public Builder export(String line) {
      exportLines.add(Objects.requireNonNull(line, "line"));
      return this;
    }

    public Builder note(String line) {
      notes.add(Objects.requireNonNull(line, "line"));
      return this;
    }

    public ReportData build() {
      return new ReportData(this);
    }
  }
}
