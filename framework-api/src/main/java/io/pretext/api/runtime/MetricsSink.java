package io.pretext.api.runtime;

import java.util.Map;

/**
 * Where a run's metrics go (the run directory's {@code metrics.jsonl}). Plugins may record their
 * own values, e.g. a pretext accuracy; each record is one JSON line with its stream name.
 */
public interface MetricsSink extends AutoCloseable {

  /** A sink that drops everything, for runs without a run directory. */
  MetricsSink NONE = (stream, values) -> {};

  /** Records one set of values, e.g. {@code record("train", {step: 10, loss: 2.1})}. */
  void record(String stream, Map<String, ?> values);

  @Override
  default void close() {}
}
