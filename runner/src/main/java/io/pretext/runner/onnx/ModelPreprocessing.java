package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigNode;
import io.pretext.core.config.YamlSafety;
import io.pretext.core.inference.ModelMetadata;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunPlugins;
import io.pretext.api.spi.AugmentPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The {@code downstream.preprocess} steps recorded in an exported model ({@code pretext.preprocess},
 * the run's resolved list as YAML), turned back into an {@link AugmentPipeline} through the plugin
 * registry, so that {@code embed} feeds the model what the downstream step fed the encoder.
 */
public final class ModelPreprocessing {
  private ModelPreprocessing() {}

  /** The YAML written into the metadata for a resolved preprocess list. */
  public static String toYaml(List<ConfigNode> steps) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    options.setSplitLines(false);
    List<Map<String, Object>> plain = new ArrayList<>();
    steps.forEach(s -> plain.add(s.toMap()));
    return new Yaml(new Representer(options), options).dump(plain).strip();
  }

  /**
   * Rebuilds the pipeline.
   *
   * @throws PretextUserException when the YAML is unsafe or malformed, or names an augmenter this
   *     installation lacks
   */
  public static AugmentPipeline from(ModelMetadata metadata, PluginRegistry registry, Path model) {
    String yaml = metadata.preprocessYaml();
    String source = model + " (" + ModelMetadata.PREPROCESS + ")";
    try {
      // The safety check reads a map of sections: the list goes under one key.
      YamlSafety.check(source, "preprocess:\n" + yaml.lines().map(l -> "  " + l).collect(Collectors.joining("\n")));
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      List<ConfigNode> steps = new ArrayList<>();
      if (parsed != null) {
        if (!(parsed instanceof List<?> list)) {
          throw new IllegalArgumentException("expected a list of steps, got " + parsed);
        }
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("step " + i + " is not a map: " + list.get(i));
          }
          @SuppressWarnings("unchecked")
          ConfigNode node = ConfigNode.of(ModelMetadata.PREPROCESS + "[" + i + "]", (Map<String, ?>) map);
          steps.add(node);
        }
      }
      return RunPlugins.pipeline(steps, registry, Optional.empty());
    } catch (PretextUserException e) {
      throw new PretextUserException("The preprocessing recorded in " + source + " cannot be rebuilt: "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PretextUserException("The preprocessing recorded in " + source + " cannot be rebuilt: " + e
          + ". Export the model again with 'pretext export RUN_DIR'.", e);
    }
  }
}
