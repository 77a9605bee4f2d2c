package io.pretext.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.yaml.snakeyaml.Yaml;

/**
 * A Commons Configuration YAML tree built from a copy of SnakeYAML's objects in which nothing is
 * shared. SnakeYAML constructs an aliased value once, so a merge key ({@code <<: *crop}) hands the
 * same list object to two maps; Commons Configuration 2.15 then drops the list from the second map
 * (seen with {@code scale: [0.4, 1.0]} merged into an augmenter). Copying first keeps every value.
 * Call only on a text that {@link YamlSafety#check} accepted.
 */
public final class UnsharedYamlConfiguration extends YAMLConfiguration {
  /** Reads {@code text}, aliases and merge keys resolved, with nothing shared. */
  public static UnsharedYamlConfiguration read(String text) {
    Object root = new Yaml(YamlSafety.loaderOptions()).load(text);
    UnsharedYamlConfiguration config = new UnsharedYamlConfiguration();
    if (root instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = (Map<String, Object>) copy(map);
      config.load(copy);
    }
    return config;
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }
}
