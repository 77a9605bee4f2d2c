package io.pretext.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, validated configuration section: what a plugin factory receives.
 *
 * <p>Values are canonical after validation ({@code String}, {@code Long}, {@code Double}, {@code
 * Boolean}, lists, nested sections), and defaults are filled in. Getters name the full key path
 * when a key is missing or has another type.
 */
public final class ConfigNode {
  private final String path;
  private final Map<String, Object> values;

  private ConfigNode(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /** Wraps a map of values (deep-copied into unmodifiable collections). */
  public static ConfigNode of(String path, Map<String, ?> values) {
    return new ConfigNode(path, freezeMap(values));
  }

  public static ConfigNode empty(String path) {
    return new ConfigNode(path, Map.of());
  }

  /** The section's full path, e.g. {@code pretext} or {@code augment[2]}; empty for the root. */
  public String path() {
    return path;
  }

  /** The full path of one of this section's keys. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.get(key) != null;
  }

  /** The raw canonical value, or null. */
  public Object get(String key) {
    return values.get(key);
  }

  public String getString(String key) {
    Object v = require(key);
    if (v instanceof Map || v instanceof List) {
      throw wrongType(key, "a string", v);
    }
    return String.valueOf(v);
  }

  public String getString(String key, String fallback) {
    return has(key) ? getString(key) : fallback;
  }

  public long getLong(String key) {
    Object v = require(key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw wrongType(key, "an integer", v);
  }

  public int getInt(String key) {
    long v = getLong(key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw wrongType(key, "an integer that fits in 32 bits", v);
    }
    return (int) v;
  }

  public int getInt(String key, int fallback) {
    return has(key) ? getInt(key) : fallback;
  }

  public double getDouble(String key) {
    Object v = require(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(key, "a number", v);
  }

  public double getDouble(String key, double fallback) {
    return has(key) ? getDouble(key) : fallback;
  }

  public boolean getBoolean(String key) {
    Object v = require(key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(key, "a boolean", v);
  }

  public boolean getBoolean(String key, boolean fallback) {
    return has(key) ? getBoolean(key) : fallback;
  }

  public List<Long> getLongList(String key) {
    List<Long> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (!(o instanceof Number n)) {
        throw wrongType(key, "a list of integers", o);
      }
      out.add(n.longValue());
    }
    return List.copyOf(out);
  }

  public List<Double> getDoubleList(String key) {
    List<Double> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (!(o instanceof Number n)) {
        throw wrongType(key, "a list of numbers", o);
      }
      out.add(n.doubleValue());
    }
    return List.copyOf(out);
  }

  public List<String> getStringList(String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(key)) {
      out.add(String.valueOf(o));
    }
    return List.copyOf(out);
  }

  /** A nested section; an absent key gives an empty section. */
  public ConfigNode getNode(String key) {
    Object v = values.get(key);
    if (v == null) {
      return empty(pathOf(key));
    }
    if (v instanceof Map<?, ?> m) {
      return new ConfigNode(pathOf(key), castMap(m));
    }
    throw wrongType(key, "a section (a map of keys)", v);
  }

  /** A list of sections, e.g. the augmentation pipeline. */
  public List<ConfigNode> getNodeList(String key) {
    List<ConfigNode> out = new ArrayList<>();
    List<?> items = values.containsKey(key) ? list(key) : List.of();
    for (int i = 0; i < items.size(); i++) {
      Object o = items.get(i);
      if (!(o instanceof Map<?, ?> m)) {
        throw wrongType(key + "[" + i + "]", "a section (a map of keys)", o);
      }
      out.add(new ConfigNode(pathOf(key) + "[" + i + "]", castMap(m)));
    }
    return List.copyOf(out);
  }

  /** The whole section as nested unmodifiable maps and lists. */
  public Map<String, Object> toMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigNode other && other.path.equals(path) && other.values.equals(values);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "<root>" : path) + values;
  }

  private List<?> list(String key) {
    Object v = require(key);
    if (v instanceof List<?> l) {
      return l;
    }
    throw wrongType(key, "a list", v);
  }

  private Object require(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw ConfigException.at(pathOf(key), "required key is missing");
    }
    return v;
  }

  private ConfigException wrongType(String key, String expected, Object given) {
    return ConfigException.at(pathOf(key), "expected " + expected + ", got '" + given + "'");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static Map<String, Object> freezeMap(Map<String, ?> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, freeze(v)));
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static Object freeze(Object v) {
    if (v instanceof Map<?, ?> m) {
      return freezeMap((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(freeze(o));
      }
      return Collections.unmodifiableList(out);
    }
    return v;
  }
}
