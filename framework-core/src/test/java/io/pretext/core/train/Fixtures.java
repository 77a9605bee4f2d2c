package io.pretext.core.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers for the training tests. */
final class Fixtures {
  private Fixtures() {}

  static EngineSetup engine() {
    return new EngineSetup(new RuntimeSettings(7, 1, "cpu", Path.of("unused")));
  }

  /** Small, fast settings: 8 batches of 8 per epoch on 64 samples. */
  static TrainSettings settings(Map<String, ?> overrides) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", 3);
    m.put("batch-size", 8);
    m.put("learning-rate", 0.01);
    m.put("checkpoint-every", 0);
    m.put("workers", 2);
    m.put("prefetch", 2);
    m.put("log-every", 1000);
    m.putAll(overrides);
    return TrainSettings.from(io.pretext.api.config.ConfigNode.of("train", m));
  }

  /** Every parameter's values by name. */
  static Map<String, float[]> parameters(Block block) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** A metrics sink that keeps every record in memory. */
  static final class Recorder implements MetricsSink {
    final List<Map<String, Object>> records = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(String stream, Map<String, ?> values) {
      Map<String, Object> m = new LinkedHashMap<>(values);
      m.put("stream", stream);
      records.add(m);
    }

    List<Double> losses() {
      List<Double> out = new ArrayList<>();
      for (Map<String, Object> r : records) {
        if (PretrainLoop.STREAM.equals(r.get("stream"))) {
          out.add(((Number) r.get("loss")).doubleValue());
        }
      }
      return out;
    }
  }
}
