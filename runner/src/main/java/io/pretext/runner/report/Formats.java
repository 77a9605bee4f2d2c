package io.pretext.runner.report;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes numbers: one place, so every section formats them alike. */
final class Formats {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

  private Formats() {}

  /** Accuracy in percent: two decimals. */
  static String accuracy(double percent) {
    return fixed(percent, 2);
  }

  static String loss(double v) {
    return fixed(v, 4);
  }

  static String millis(double ms) {
    return Double.isFinite(ms) ? fixed(ms, 1) + " ms" : "–";
  }

  static String rate(double perSecond) {
    return Double.isFinite(perSecond) ? fixed(perSecond, perSecond < 100 ? 1 : 0) + " samples/s" : "–";
  }

  /** A 0..1 share as a percentage with one decimal. */
  static String share(double fraction) {
    return Double.isFinite(fraction) ? fixed(100 * fraction, 1) + " %" : "–";
  }

  static String bytes(long bytes) {
    double mib = bytes / (1024.0 * 1024);
    return mib >= 1024 ? fixed(mib / 1024, 2) + " GiB" : fixed(mib, 1) + " MiB";
  }

  static String seconds(double s) {
    return Double.isFinite(s) ? duration(Duration.ofNanos((long) (s * 1e9))) : "–";
  }

  /** 850 ms, 12.3 s, 4 min 05 s, 1 h 02 min. */
  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return fixed(millis / 1000.0, 1) + " s";
    }
    long s = d.toSeconds();
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  static String date(OffsetDateTime t) {
    return DATE.format(t);
  }

  static String fixed(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
  }

  /** Text safe inside a Markdown table cell. */
  static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }
}
