package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pretext.api.config.ConfigException;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import java.util.List;

/**
 * Validates small run files against every installed plugin's schema, the way {@code pretext run}
 * and {@code pretext config check} do ({@link RunConfigLoader}: unknown keys, types, ranges).
 */
final class RunFiles {
  private RunFiles() {}

  /** A run with the given {@code pretext} section (a YAML flow map) and a given {@code head} line. */
  static String withPretext(String pretext, String head) {
    return "data: {name: idx, train-images: train.idx}\n"
        + "pretext: " + pretext + "\n"
        + "encoder: mlp\n"
        + head;
  }

  static RunConfig load(String yaml) {
    return new RunConfigLoader(Plugins.registry()).load("run.yaml", yaml, List.of());
  }

  static ConfigException rejected(String yaml) {
    return assertThrows(ConfigException.class, () -> load(yaml));
  }
}
