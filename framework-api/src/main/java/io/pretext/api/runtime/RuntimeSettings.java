package io.pretext.api.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings shared by every plugin of a run: the seed, the number of compute threads, the DJL
 * device name and the data cache folder.
 *
 * @param seed the run's seed
 * @param threads compute threads for the engine (and batch preparation)
 * @param device "cpu" or "gpu"
 * @param dataCache where fetched data sets live
 */
public record RuntimeSettings(long seed, int threads, String device, Path dataCache) {

  /** The environment variable that overrides the default data cache folder. */
  public static final String DATA_CACHE_ENV = "PRETEXT_DATA_CACHE";

  public RuntimeSettings {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(dataCache, "dataCache");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /** Seed 0, two threads, CPU, the default cache folder. */
  public static RuntimeSettings defaults() {
    return new RuntimeSettings(0, 2, "cpu", defaultDataCache());
  }

  /** {@code $PRETEXT_DATA_CACHE}, else {@code ~/.cache/pretext}. */
  public static Path defaultDataCache() {
    String env = System.getenv(DATA_CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "pretext");
  }
}
