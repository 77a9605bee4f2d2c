package io.pretext.core.inference;

import io.pretext.api.PretextUserException;
import io.pretext.api.onnx.InputSignature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an exported model says about itself in its ONNX {@code metadata_props}: the pretext task,
 * the input, the {@code downstream.preprocess} steps to apply before it (as YAML), the
 * normalization, the vocabulary for text, the run's config hash, the framework version and the
 * outputs. {@code export} writes these keys; {@code embed} and {@code predict} read them.
 *
 * @param values every {@code pretext.*} entry, as stored
 */
public record ModelMetadata(Map<String, String> values) {
  public static final String TASK = "pretext.task";
  public static final String INPUT = "pretext.input";
  public static final String PREPROCESS = "pretext.preprocess";
  public static final String NORMALIZATION = "pretext.normalization";
  public static final String VOCABULARY = "pretext.vocabulary";
  public static final String CONFIG_HASH = "pretext.config_hash";
  public static final String FRAMEWORK_VERSION = "pretext.framework_version";
  public static final String OUTPUTS = "pretext.outputs";
  /** Written into classifier models only: the class names, one per line, in output order. */
  public static final String CLASSES = "pretext.classes";

  public ModelMetadata {
    values = Map.copyOf(values);
  }

  /**
   * The {@code pretext.*} entries of a model's custom metadata.
   *
   * @param model the file, for the message
   * @throws PretextUserException when the model has no {@code pretext.input} (not exported by pretext)
   */
  public static ModelMetadata of(Map<String, String> custom, Path model) {
    Map<String, String> ours = new LinkedHashMap<>();
    custom.forEach((k, v) -> {
      if (k.startsWith("pretext.")) {
        ours.put(k, v);
      }
    });
    if (!ours.containsKey(INPUT)) {
      throw new PretextUserException("The model " + model + " has no pretext metadata (" + INPUT
          + " is missing), so its input and preprocessing are unknown. Use a model written by 'pretext export RUN_DIR'.");
    }
    try {
      InputSignature.parse(ours.get(INPUT)); // checked here, where the file is known
    } catch (PretextUserException e) {
      throw new PretextUserException("The model " + model + " cannot be used: " + e.getMessage(), e);
    }
    return new ModelMetadata(ours);
  }

  /** A value, if present. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The model's input. */
  public InputSignature input() {
    return InputSignature.parse(values.get(INPUT));
  }

  /** The preprocessing steps as a YAML list (empty list when none were recorded). */
  public String preprocessYaml() {
    return values.getOrDefault(PREPROCESS, "[]");
  }

  /** The pretext task that trained the encoder. */
  public String task() {
    return values.getOrDefault(TASK, "unknown");
  }

  /** The outputs, e.g. {@code features} or {@code logits}. */
  public String outputs() {
    return values.getOrDefault(OUTPUTS, "features");
  }
}
