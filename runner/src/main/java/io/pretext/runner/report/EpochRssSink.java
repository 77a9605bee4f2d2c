package io.pretext.runner.report;

import io.pretext.api.runtime.MetricsSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Passes records on and samples RSS into a {@link ResourceMonitor} at each epoch's end; see {@link
 * ResourceMonitor#watching}. Closing it leaves the delegate open: its owner closes that.
 */
final class EpochRssSink implements MetricsSink {
  /** The stream of the RSS lines this sink adds. */
  static final String STREAM = "resources";
  private final ResourceMonitor monitor;
  private final MetricsSink delegate;
  private Integer epoch;

  EpochRssSink(ResourceMonitor monitor, MetricsSink delegate) {
    this.monitor = monitor;
    this.delegate = delegate;
  }

  @Override
  public synchronized void record(String stream, Map<String, ?> values) {
    if (MetricsLog.TRAIN.equals(stream) && values.get("epoch") instanceof Number n) {
      if (epoch != null && n.intValue() != epoch) {
        sample(epoch);
      }
      epoch = n.intValue();
    } else if (MetricsLog.TRAIN_SUMMARY.equals(stream) && epoch != null) {
      sample(epoch);
      epoch = null;
    }
    delegate.record(stream, values);
  }

  private void sample(int ended) {
    OptionalLong rss = monitor.recordEpoch(ended);
    if (rss.isPresent()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("epoch", ended);
      line.put("rss_bytes", rss.getAsLong());
      monitor.peakRssBytes().ifPresent(p -> line.put("peak_rss_bytes", p));
      delegate.record(STREAM, line);
    }
  }
}
