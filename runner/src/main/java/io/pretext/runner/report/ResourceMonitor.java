package io.pretext.runner.report;

import io.pretext.api.runtime.MetricsSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Samples the process's resident memory (RSS) from {@code /proc/self/status}: {@code VmRSS} now,
 * {@code VmHWM} for the peak. Record a sample at the end of each epoch with {@link
 * #recordEpoch(int)}, or let {@link #watching} do it from the metrics stream. Where the file does
 * not exist (not Linux) every reading is empty and recording does nothing. Thread-safe.
 */
public final class ResourceMonitor {
  /** The RSS at the end of one epoch. */
  public record Sample(int epoch, long rssBytes) {}

  private final Path status;
  private final List<Sample> samples = new ArrayList<>();

  /** Reads this process's {@code /proc/self/status}. */
  public ResourceMonitor() {
    this(Path.of("/proc/self/status"));
  }

  /** Reads another file in the {@code /proc/<pid>/status} format (tests, another process). */
  public ResourceMonitor(Path statusFile) {
    this.status = statusFile;
  }

  /** Whether RSS can be read here. */
  public boolean available() {
    return rssBytes().isPresent();
  }

  /** The current resident set size in bytes, empty when it cannot be read. */
  public OptionalLong rssBytes() {
    return field("VmRSS:");
  }

  /**
   * The peak resident set size in bytes: the kernel's high-water mark, or the largest recorded
   * sample where that is larger or missing; empty when neither is known.
   */
  public OptionalLong peakRssBytes() {
    OptionalLong hwm = field("VmHWM:");
    long recorded = samples().stream().mapToLong(Sample::rssBytes).max().orElse(-1);
    long peak = Math.max(hwm.orElse(-1), recorded);
    return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
  }

  /** Samples RSS now as the end of {@code epoch}; returns the sample, or nothing when RSS cannot be read. */
  public OptionalLong recordEpoch(int epoch) {
    OptionalLong rss = rssBytes();
    if (rss.isPresent()) {
      synchronized (samples) {
        samples.add(new Sample(epoch, rss.getAsLong()));
      }
    }
    return rss;
  }

  /** The samples recorded so far, oldest first. */
  public List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /**
   * A metrics sink that passes every record to {@code delegate} and samples RSS whenever an epoch
   * ends: when a {@code train} line brings a new epoch number, and at the {@code train-summary}
   * line. Each sample is also recorded to the delegate as a {@code resources} line
   * {@code {epoch, rss_bytes, peak_rss_bytes}}.
   */
  public MetricsSink watching(MetricsSink delegate) {
    return new EpochRssSink(this, delegate);
  }

  private OptionalLong field(String name) {
    List<String> lines;
    try {
      if (!Files.isReadable(status)) {
        return OptionalLong.empty();
      }
      lines = Files.readAllLines(status, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    for (String line : lines) {
      if (line.startsWith(name)) {
        return parseSize(line.substring(name.length()));
      }
    }
    return OptionalLong.empty();
  }

  /** "   123456 kB" → bytes. */
  static OptionalLong parseSize(String text) {
    String[] parts = text.strip().split("\\s+");
    try {
      long n = Long.parseLong(parts[0]);
      String unit = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "b";
      long factor = switch (unit) {
        case "kb" -> 1024L;
        case "mb" -> 1024L * 1024;
        case "gb" -> 1024L * 1024 * 1024;
        default -> 1L;
      };
      return OptionalLong.of(n * factor);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
