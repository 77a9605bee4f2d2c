package io.pretext.core.config;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigProblem;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.KeySpec;
import io.pretext.api.config.Suggestions;
import io.pretext.api.config.ValueType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Checks a configuration tree against a schema and resolves it: every key known, every value of
 * the right type and range, every required key present, plugin names known; defaults filled in.
 * Collects every problem before failing, each with its full key path and line.
 *
 * <p>Works on Commons Configuration's node tree, where a YAML list becomes repeated children of one
 * name; the schema says which keys are lists.
 */
public final class ConfigValidator {
  /** Top-level keys with this prefix are ignored, as Compose files do: they hold YAML anchors. */
  public static final String ANCHOR_PREFIX = "x-";

  private final PluginSchemas plugins;
  private final KeyLocations locations;
  private final List<ConfigProblem> problems = new ArrayList<>();

  /**
   * @param plugins the installed plugins' schemas
   * @param lines the line of each key path in the YAML file (may be empty)
   * @param overridden key paths set on the command line, named as such in messages
   */
  public ConfigValidator(PluginSchemas plugins, Map<String, Integer> lines, Set<String> overridden) {
    this(plugins, new KeyLocations(lines, overridden));
  }

  /** @param locations where the file's keys are, and which the command line set */
  public ConfigValidator(PluginSchemas plugins, KeyLocations locations) {
    this.plugins = plugins;
    this.locations = locations;
  }

  /**
   * Validates the children of {@code root} against {@code schema}.
   *
   * @return the resolved values, with defaults
   * @throws ConfigException listing every problem
   */
  public Map<String, Object> validate(String source, ImmutableNode root, ConfigSchema schema) {
    problems.clear();
    Map<String, Object> resolved = section("", root.getChildren(), schema);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, List.copyOf(problems));
    }
    return resolved;
  }

  private Map<String, Object> section(String path, List<ImmutableNode> children, ConfigSchema schema) {
    Map<String, List<ImmutableNode>> groups = new LinkedHashMap<>();
    for (ImmutableNode child : children) {
      groups.computeIfAbsent(child.getNodeName(), k -> new ArrayList<>()).add(child);
    }
    for (String key : groups.keySet()) {
      if (path.isEmpty() && key.startsWith(ANCHOR_PREFIX)) {
        continue; // a top-level x-... key only holds YAML anchors for merge keys elsewhere
      }
      if (schema.key(key).isEmpty()) {
        String suggestion = Suggestions.closest(key, schema.names()).map(s -> "did you mean '" + join(path, s) + "'? ").orElse("");
        problem(join(path, key), "unknown key; " + suggestion + "valid keys here: " + listOf(schema.names())
            + (path.isEmpty() ? " (a top-level key named " + ANCHOR_PREFIX + "... is ignored: use one to hold YAML"
                + " anchors, e.g. '" + ANCHOR_PREFIX + "defaults: &defaults {...}' and '<<: *defaults')" : ""));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeySpec spec : schema.keys()) {
      List<ImmutableNode> nodes = present(groups.getOrDefault(spec.name(), List.of()));
      String keyPath = join(path, spec.name());
      switch (spec.shape()) {
        case VALUE -> value(keyPath, spec, nodes, path).ifPresent(v -> out.put(spec.name(), v));
        case SECTION -> {
          if (nodes.size() > 1 || (nodes.size() == 1 && nodes.get(0).getChildren().isEmpty())) {
            problem(keyPath, "expected a section (a map of keys), got " + describe(nodes));
          } else {
            out.put(spec.name(), section(keyPath, nodes.isEmpty() ? List.of() : nodes.get(0).getChildren(), spec.section()));
          }
        }
        case PLUGIN -> {
          if (nodes.isEmpty()) {
            if (spec.required()) {
              problemAt(keyPath, path, "required section is missing: it names the " + spec.pluginKind()
                  + " plugin to use; known: " + listOf(plugins.names(spec.pluginKind())));
            }
          } else if (nodes.size() > 1) {
            problem(keyPath, "expected one plugin section, got a list of " + nodes.size());
          } else {
            plugin(keyPath, nodes.get(0), spec.pluginKind(), spec.section()).ifPresent(m -> out.put(spec.name(), m));
          }
        }
        case PLUGIN_LIST -> {
          List<Object> items = new ArrayList<>();
          for (int i = 0; i < nodes.size(); i++) {
            plugin(keyPath + "[" + i + "]", nodes.get(i), spec.pluginKind(), spec.section()).ifPresent(items::add);
          }
          out.put(spec.name(), List.copyOf(items));
        }
        case REFUSED -> {
          if (!nodes.isEmpty()) {
            problem(keyPath, spec.description());
          }
        }
        default -> throw new IllegalStateException("unhandled shape " + spec.shape());
      }
    }
    return out;
  }

  private Optional<Object> value(String keyPath, KeySpec spec, List<ImmutableNode> nodes, String parent) {
    if (nodes.isEmpty()) {
      if (spec.required()) {
        problemAt(keyPath, parent, "required key is missing; expected " + spec.type().describe()
            + (spec.description().isEmpty() ? "" : " (" + spec.description() + ")"));
        return Optional.empty();
      }
      return Optional.ofNullable(spec.canonicalDefault());
    }
    for (ImmutableNode n : nodes) {
      if (!n.getChildren().isEmpty()) {
        problem(keyPath, "expected " + spec.type().describe() + ", got a section");
        return Optional.empty();
      }
    }
    Object raw;
    if (spec.type() instanceof ValueType.ListOf) {
      List<Object> values = new ArrayList<>();
      nodes.forEach(n -> values.add(n.getValue()));
      raw = values.size() == 1 && values.get(0) instanceof String ? values.get(0) : values;
    } else if (nodes.size() > 1) {
      problem(keyPath, "expected " + spec.type().describe() + ", got a list of " + nodes.size() + " values");
      return Optional.empty();
    } else {
      raw = nodes.get(0).getValue();
    }
    try {
      return Optional.of(spec.type().coerce(raw));
    } catch (IllegalArgumentException e) {
      problem(keyPath, e.getMessage() + ", got '" + shown(raw) + "'");
      return Optional.empty();
    }
  }

  private Optional<Map<String, Object>> plugin(String path, ImmutableNode node, String kind, ConfigSchema common) {
    List<ImmutableNode> children = node.getChildren();
    String name;
    List<ImmutableNode> rest = new ArrayList<>();
    if (children.isEmpty()) {
      name = String.valueOf(node.getValue());
    } else {
      List<ImmutableNode> names = new ArrayList<>();
      for (ImmutableNode c : children) {
        (c.getNodeName().equals("name") ? names : rest).add(c);
      }
      if (names.isEmpty()) {
        problemAt(join(path, "name"), path, "required key is missing: it picks the " + kind + " plugin; known: "
            + listOf(plugins.names(kind)));
        return Optional.empty();
      }
      if (names.size() > 1 || !names.get(0).getChildren().isEmpty()) {
        problem(join(path, "name"), "expected one plugin name");
        return Optional.empty();
      }
      name = String.valueOf(names.get(0).getValue());
    }
    Optional<ConfigSchema> schema = plugins.schema(kind, name);
    if (schema.isEmpty()) {
      Set<String> known = plugins.names(kind);
      problem(children.isEmpty() ? path : join(path, "name"), "no " + kind + " plugin named '" + name + "'"
          + Suggestions.didYouMean(name, known) + "; known: " + listOf(known));
      return Optional.empty();
    }
    ConfigSchema.Builder full = schema.get().toBuilder();
    if (common != null) {
      for (KeySpec k : common.keys()) {
        if (schema.get().key(k.name()).isEmpty()) {
          full.add(k);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.putAll(section(path, rest, full.build()));
    return Optional.of(out);
  }

  private static List<ImmutableNode> present(List<ImmutableNode> nodes) {
    List<ImmutableNode> out = new ArrayList<>();
    for (ImmutableNode n : nodes) {
      if (n.getValue() != null || !n.getChildren().isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  private void problem(String path, String message) {
    problems.add(locations.at(path, message));
  }

  /** A problem with a key that is absent: point at its parent's line. */
  private void problemAt(String path, String parent, String message) {
    problems.add(locations.under(path, parent, message));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String listOf(Collection<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private static String describe(List<ImmutableNode> nodes) {
    return nodes.size() > 1 ? "a list of " + nodes.size() + " items" : "the value '" + shown(nodes.get(0).getValue()) + "'";
  }

  private static String shown(Object raw) {
    if (raw instanceof List<?> l) {
      return l.toString();
    }
    return String.valueOf(raw);
  }
}
