package io.pretext.core.run;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.core.train.TrainSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run's {@code train} section: the loop's {@link TrainSettings} plus the run-wide seed,
 * compute threads and device.
 */
final class TrainSection {
  static final String SEED = "seed";
  static final String THREADS = "threads";
  static final String DEVICE = "device";
  private static final Set<String> RUNTIME_KEYS = Set.of(SEED, THREADS, DEVICE);

  private TrainSection() {}

  static ConfigSchema schema() {
    return TrainSettings.schema().toBuilder()
        .optional(SEED, ValueType.integer(0, Long.MAX_VALUE), 0, "seed of every random choice in the run")
        .optional(THREADS, ValueType.integer(1, 256), 2, "compute threads of the engine")
        .optional(DEVICE, ValueType.oneOf("cpu", "gpu"), "cpu", "where training runs")
        .build();
  }

  static TrainSettings settings(ConfigNode train) {
    Map<String, Object> loop = new LinkedHashMap<>(train.toMap());
    loop.keySet().removeAll(RUNTIME_KEYS);
    return TrainSettings.from(ConfigNode.of(train.path(), loop));
  }

  static RuntimeSettings runtime(ConfigNode train) {
    return new RuntimeSettings(train.getLong(SEED), train.getInt(THREADS), train.getString(DEVICE),
        RuntimeSettings.defaultDataCache());
  }
}
