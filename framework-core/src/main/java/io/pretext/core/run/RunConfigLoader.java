package io.pretext.core.run;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigProblem;
import io.pretext.api.config.ConfigSchema;
import io.pretext.core.config.ConfigValidator;
import io.pretext.core.config.KeyLocations;
import io.pretext.core.config.PluginSchemas;
import io.pretext.core.config.RunFileText;
import io.pretext.core.config.UnsharedYamlConfiguration;
import io.pretext.core.config.YamlSafety;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads a run file: checks the YAML is safe and well-formed, reads it with Commons Configuration,
 * applies {@code --set key=value} overrides (a whole list may be given in YAML flow style, maps
 * included: {@code --set 'downstream.evaluators=[knn, {name: fine-tune, steps: 500}]'}), then validates and resolves it against the run schema
 * and the named plugins' schemas.
 */
public final class RunConfigLoader {
  private final PluginSchemas plugins;
  private final ConfigSchema schema;

  public RunConfigLoader(PluginSchemas plugins) {
    this(plugins, RunSchema.schema());
  }

  public RunConfigLoader(PluginSchemas plugins, ConfigSchema schema) {
    this.plugins = plugins;
    this.schema = schema;
  }

  /** Loads a YAML file. */
  public RunConfig load(Path file, List<String> overrides) {
    return load(file.toString(), RunFileText.fromEnvironment().read(file), overrides);
  }

  /**
   * Loads YAML text.
   *
   * @param source the name used in messages (a file path)
   */
  public RunConfig load(String source, String text, List<String> overrides) {
    Map<String, Integer> lines = YamlSafety.check(source, text);
    YAMLConfiguration yaml;
    try {
      yaml = UnsharedYamlConfiguration.read(text);
    } catch (YAMLException e) {
      throw new ConfigException(source, new ConfigProblem("<yaml>", "cannot be read: " + e.getMessage(), 0));
    }
    KeyLocations locations = new KeyLocations(lines, apply(source, yaml, overrides));
    ConfigValidator validator = new ConfigValidator(plugins, locations);
    Map<String, Object> resolved = validator.validate(source, yaml.getNodeModel().getNodeHandler().getRootNode(), schema);
    return new RunConfig(source, ConfigNode.of("", resolved), locations);
  }

  private static Set<String> apply(String source, YAMLConfiguration yaml, List<String> overrides) {
    Set<String> paths = new LinkedHashSet<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        problems.add(new ConfigProblem("--set " + o, "expected key=value, e.g. --set train.epochs=3", 0));
        continue;
      }
      String path = canonicalPath(o.substring(0, eq).trim());
      if (!path.matches("[A-Za-z0-9_-]+(\\[\\d+])?(\\.[A-Za-z0-9_-]+(\\[\\d+])?)*")) {
        problems.add(new ConfigProblem("--set " + o, "not a key path; use dots and list indices, e.g. augment[0].p=0.5", 0));
        continue;
      }
      String value = o.substring(eq + 1).trim();
      String key = path.replaceAll("\\[(\\d+)]", "($1)");
      Optional<String> outOfRange = indexOutOfRange(yaml, path);
      if (outOfRange.isPresent()) {
        problems.add(new ConfigProblem("--set " + shortened(o), outOfRange.get(), 0));
        continue;
      }
      if (path.endsWith("]")) {
        yaml.setProperty(key, value);
      } else if (isFlowListWithMaps(value)) {
        Optional<String> bad = replaceWithYamlList(source, yaml, key, value);
        if (bad.isPresent()) {
          problems.add(new ConfigProblem("--set " + shortened(o), bad.get(), 0));
          continue;
        }
      } else {
        List<String> items = listItems(yaml, key, value);
        yaml.clearTree(key); // the whole value is replaced: a list of maps too, not appended to
        items.forEach(item -> yaml.addProperty(key, item));
      }
      paths.add(path);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return paths;
  }

  /**
   * An index in {@code path} past the end of its list, described; {@code --set} changes list items
   * but does not add them, since an added item would be blamed for keys it never had.
   */
  private static Optional<String> indexOutOfRange(YAMLConfiguration yaml, String path) {
    Matcher m = Pattern.compile("\\[(\\d+)]").matcher(path);
    while (m.find()) {
      String list = path.substring(0, m.start());
      String listKey = list.replaceAll("\\[(\\d+)]", "($1)");
      int size = yaml.getMaxIndex(listKey) + 1;
      long index = Long.parseLong(m.group(1).length() > 9 ? "999999999" : m.group(1));
      if (index >= size) {
        return Optional.of(size == 0
            ? "names item " + index + " of " + list + ", which is not a list in this file; set the whole value,"
                + " e.g. --set " + list + "=..."
            : "names item " + index + " of " + list + ", which has " + size + (size == 1 ? " item" : " items")
                + " (" + list + "[0]" + (size > 1 ? " to " + list + "[" + (size - 1) + "]" : "") + "); --set changes"
                + " an item but does not add one: add it to the file");
      }
    }
    return Optional.empty();
  }

  /** A YAML flow list holding at least one map, e.g. {@code [knn, {name: fine-tune, steps: 5}]}. */
  private static boolean isFlowListWithMaps(String value) {
    return value.length() >= 2 && value.startsWith("[") && value.endsWith("]") && value.contains("{");
  }

  /**
   * Replaces the list at {@code key} with the items of a YAML flow list read as the file would
   * read it, so that maps keep their keys (a comma inside a map does not split it).
   *
   * @return what is wrong with the value, when it is not a safe YAML list
   */
  private static Optional<String> replaceWithYamlList(String source, YAMLConfiguration yaml, String key, String value) {
    String text = "value: " + value;
    UnsharedYamlConfiguration parsed;
    try {
      YamlSafety.check(source, text);
      parsed = UnsharedYamlConfiguration.read(text);
    } catch (ConfigException | YAMLException e) {
      return Optional.of("is not a YAML list (" + e.getMessage().replace('\n', ' ')
          + "); write it as e.g. [knn, {name: fine-tune, steps: 500}]");
    }
    int dot = key.lastIndexOf('.');
    String name = key.substring(dot + 1);
    List<ImmutableNode> items = parsed.getNodeModel().getNodeHandler().getRootNode().getChildren().stream()
        .map(n -> n.setName(name)).toList();
    yaml.clearTree(key);
    yaml.addNodes(dot < 0 ? null : key.substring(0, dot), items);
    return Optional.empty();
  }

  /**
   * The items a whole-value override writes: {@code [a, b]} is a list, as is {@code a,b} where the
   * file holds a list of two or more items there; anything else is one value, which the schema reads
   * as a one-item list where it expects a list.
   */
  private static List<String> listItems(YAMLConfiguration yaml, String key, String value) {
    boolean bracketed = value.length() >= 2 && value.startsWith("[") && value.endsWith("]");
    boolean listHere = yaml.getMaxIndex(key) >= 1;
    if (!bracketed && !(listHere && value.contains(","))) {
      return List.of(value);
    }
    String inner = bracketed ? value.substring(1, value.length() - 1) : value;
    List<String> items = new ArrayList<>();
    for (String item : inner.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items.isEmpty() ? List.of(value) : items;
  }

  private static String shortened(String override) {
    return override.length() <= 200 ? override : override.substring(0, 200) + "... (" + override.length() + " characters)";
  }

  /** Accepts {@code augment.0.p} and {@code augment[0].p}; returns the bracket form. */
  static String canonicalPath(String path) {
    return path.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
  }
}
