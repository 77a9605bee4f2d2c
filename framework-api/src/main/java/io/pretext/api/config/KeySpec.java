package io.pretext.api.config;

import java.util.Objects;

/**
 * One key of a {@link ConfigSchema}: a plain value, a nested section, a plugin section (a map
 * with a {@code name} that selects a plugin of a kind), a list of plugin sections, or a key the
 * section refuses with a reason (its description).
 */
public record KeySpec(
    String name,
    Shape shape,
    ValueType type,
    boolean required,
    Object defaultValue,
    ConfigSchema section,
    String pluginKind,
    String description) {

  /** What sits under the key. */
  public enum Shape {
    VALUE,
    SECTION,
    PLUGIN,
    PLUGIN_LIST,
    /** A key the section does not take, refused with the key's description as the reason. */
    REFUSED
  }

  public KeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    description = description == null ? "" : description;
  }

  /** The default as the canonical value, or null when there is none. */
  public Object canonicalDefault() {
    return defaultValue == null || type == null ? defaultValue : type.coerce(defaultValue);
  }
}
