package io.pretext.core.run;

import io.pretext.api.config.ConfigSchema;
import io.pretext.core.config.PluginSchemas;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Plugin schemas from a fixed table, for validating configs without wiring plugins. */
final class MapPluginSchemas implements PluginSchemas {
  private final Map<String, Map<String, ConfigSchema>> byKind;

  MapPluginSchemas(Map<String, Map<String, ConfigSchema>> byKind) {
    this.byKind = byKind;
  }

  @Override
  public Optional<ConfigSchema> schema(String kindId, String name) {
    return Optional.ofNullable(byKind.getOrDefault(kindId, Map.of()).get(name));
  }

  @Override
  public Set<String> names(String kindId) {
    return new TreeSet<>(byKind.getOrDefault(kindId, Map.of()).keySet());
  }
}
