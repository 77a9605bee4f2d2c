package io.pretext.core.run;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.core.config.KeyLocations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A validated, resolved run configuration: every key checked, every default filled in. Immutable.
 * The sections follow {@link RunSchema}.
 */
public final class RunConfig {
  private final String source;
  private final ConfigNode root;
  private final KeyLocations locations;

  RunConfig(String source, ConfigNode root, KeyLocations locations) {
    this.source = source;
    this.root = root;
    this.locations = locations;
  }

  /** Where it was read from. */
  public String source() {
    return source;
  }

  public ConfigNode root() {
    return root;
  }

  /**
   * A problem found after validation (by a plugin factory's {@code create}, a setting's cross-check)
   * placed in this run's file: the file named, each key with its line, or "set on the command line".
   */
  public ConfigException locate(ConfigException e) {
    return e.locatedIn(source, locations::place);
  }

  public ConfigNode data() {
    return root.getNode(RunSchema.DATA);
  }

  /** The pretext task section, absent for transfer-only runs. */
  public Optional<ConfigNode> pretext() {
    return section(RunSchema.PRETEXT);
  }

  public ConfigNode encoder() {
    return root.getNode(RunSchema.ENCODER);
  }

  public List<ConfigNode> augment() {
    return root.getNodeList(RunSchema.AUGMENT);
  }

  public Optional<ConfigNode> head() {
    return section(RunSchema.HEAD);
  }

  public ConfigNode train() {
    return root.getNode(RunSchema.TRAIN);
  }

  /** The training loop's settings from the {@code train} section; a refused value is placed in the file. */
  public io.pretext.core.train.TrainSettings trainSettings() {
    try {
      return TrainSection.settings(train());
    } catch (ConfigException e) {
      throw locate(e);
    }
  }

  /** The run-wide seed, threads and device from the {@code train} section, with the default data cache. */
  public io.pretext.api.runtime.RuntimeSettings runtime() {
    return TrainSection.runtime(train());
  }

  public ConfigNode downstream() {
    return root.getNode(RunSchema.DOWNSTREAM);
  }

  public ConfigNode export() {
    return root.getNode(RunSchema.EXPORT);
  }

  public ConfigNode output() {
    return root.getNode(RunSchema.OUTPUT);
  }

  /** The resolved configuration as YAML, in schema order. */
  public String toYaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setSplitLines(false);
    return new Yaml(options).dump(toPlain(root.toMap()));
  }

  /** The SHA-256 of {@link #toYaml()}, to tie outputs (e.g. an exported model) to their config. */
  public String hash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(toYaml().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private Optional<ConfigNode> section(String key) {
    return root.has(key) ? Optional.of(root.getNode(key)) : Optional.empty();
  }

  private static Object toPlain(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      // a fresh list each time: Stream.toList() shares one empty list, which YAML writes as an anchor
      List<Object> out = new java.util.ArrayList<>(l.size());
      l.forEach(v -> out.add(toPlain(v)));
      return out;
    }
    return o;
  }

  @Override
  public String toString() {
    return "RunConfig[" + source + "]";
  }
}
