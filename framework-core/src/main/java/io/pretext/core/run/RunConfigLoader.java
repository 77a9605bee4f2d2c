package io.pretext.core.run;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigProblem;
import io.pretext.api.config.ConfigSchema;
import io.pretext.core.config.ConfigValidator;
import io.pretext.core.config.KeyLocations;
import io.pretext.core.config.PluginSchemas;
import io.pretext.core.config.YamlSafety;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Loads a run file: checks the YAML is safe and well-formed, reads it with Commons Configuration,
 * applies {@code --set key=value} overrides, then validates and resolves it against the run schema
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
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), new ConfigProblem("<file>", "no such file; give the path of a run's YAML file (see configs/)", 0));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), new ConfigProblem("<file>", "cannot be read: " + e.getMessage(), 0));
    }
    return load(file.toString(), text, overrides);
  }

  /**
   * Loads YAML text.
   *
   * @param source the name used in messages (a file path)
   */
  public RunConfig load(String source, String text, List<String> overrides) {
    Map<String, Integer> lines = YamlSafety.check(source, text);
    YAMLConfiguration yaml = new YAMLConfiguration();
    try {
      yaml.read(new StringReader(text));
    } catch (ConfigurationException e) {
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
      if (yaml.containsKey(key)) {
        yaml.setProperty(key, value);
      } else {
        yaml.addProperty(key, value);
      }
      paths.add(path);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return paths;
  }

  /** Accepts {@code augment.0.p} and {@code augment[0].p}; returns the bracket form. */
  static String canonicalPath(String path) {
    return path.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
  }
}
