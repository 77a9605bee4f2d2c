package io.pretext.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a configuration section accepts, with their types, ranges, defaults and whether they
 * are required. Every plugin factory declares one for its own section; the run schema declares
 * the top-level sections. Immutable; built with {@link #builder()}.
 */
public final class ConfigSchema {
  private static final ConfigSchema EMPTY = new ConfigSchema(Map.of());
  private final Map<String, KeySpec> keys;

  private ConfigSchema(Map<String, KeySpec> keys) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  public static ConfigSchema empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<KeySpec> keys() {
    return List.copyOf(keys.values());
  }

  public Optional<KeySpec> key(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /** The names of the keys the section takes (not the {@link Builder#refused refused} ones). */
  public List<String> names() {
    return keys.values().stream().filter(k -> k.shape() != KeySpec.Shape.REFUSED).map(KeySpec::name)
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  /** A builder that starts from this schema's keys, to extend it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.keys.putAll(keys);
    return b;
  }

  /** Collects keys in the order they should be documented. */
  public static final class Builder {
    private final Map<String, KeySpec> keys = new LinkedHashMap<>();

    private Builder() {}

    /** A key that must be given. */
    public Builder required(String name, ValueType type, String description) {
      return add(new KeySpec(name, KeySpec.Shape.VALUE, type, true, null, null, null, description));
    }

    /** A key with a default; the default must itself be valid for the type. */
    public Builder optional(String name, ValueType type, Object defaultValue, String description) {
      type.coerce(defaultValue);
      return add(new KeySpec(name, KeySpec.Shape.VALUE, type, false, defaultValue, null, null, description));
    }

    /** A key that may be left out and has no default. */
    public Builder optionalNoDefault(String name, ValueType type, String description) {
      return add(new KeySpec(name, KeySpec.Shape.VALUE, type, false, null, null, null, description));
    }

    /** A nested section with its own keys; filled with its defaults when absent. */
    public Builder section(String name, ConfigSchema schema, String description) {
      return add(new KeySpec(name, KeySpec.Shape.SECTION, null, false, null, schema, null, description));
    }

    /** A section whose {@code name} picks a plugin of the given kind; the plugin's schema checks the rest. */
    public Builder plugin(String name, String pluginKind, boolean required, String description) {
      return add(new KeySpec(name, KeySpec.Shape.PLUGIN, null, required, null, null, pluginKind, description));
    }

    /** A list of plugin sections of one kind (e.g. the augmentation pipeline). */
    public Builder pluginList(String name, String pluginKind, String description) {
      return add(new KeySpec(name, KeySpec.Shape.PLUGIN_LIST, null, false, null, null, pluginKind, description));
    }

    /**
     * A key the section does not take although a user may well write it (a key that another
     * plugin of the same kind has, e.g. a {@code predictor} on a method without one): given, it is
     * refused with {@code reason}, which should say what to do instead, rather than as an unknown
     * key. Not listed among the section's keys in help.
     */
    public Builder refused(String name, String reason) {
      return add(new KeySpec(name, KeySpec.Shape.REFUSED, null, false, null, null, null, reason));
    }

    public Builder add(KeySpec spec) {
      if (keys.containsKey(spec.name())) {
        throw new IllegalArgumentException("key '" + spec.name() + "' declared twice in one schema");
      }
      keys.put(spec.name(), spec);
      return this;
    }

    public ConfigSchema build() {
      return new ConfigSchema(keys);
    }
  }
}
