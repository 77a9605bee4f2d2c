package io.pretext.core.run;

import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginKind;

/**
 * The sections of a run file. Plugin sections ({@code data}, {@code pretext}, {@code encoder},
 * {@code head}, each entry of {@code augment} and of {@code downstream.evaluators}) name a plugin
 * with {@code name}; the plugin's own schema checks their other keys.
 */
public final class RunSchema {
  public static final String DATA = "data";
  public static final String PRETEXT = "pretext";
  public static final String ENCODER = "encoder";
  public static final String AUGMENT = "augment";
  public static final String HEAD = "head";
  public static final String TRAIN = "train";
  public static final String DOWNSTREAM = "downstream";
  public static final String EXPORT = "export";
  public static final String OUTPUT = "output";

  private RunSchema() {}

  /** The run schema with the standard {@code train} section. */
  public static ConfigSchema schema() {
    return schema(TrainSection.schema());
  }

  /** The run schema with a given {@code train} section. */
  public static ConfigSchema schema(ConfigSchema train) {
    return ConfigSchema.builder()
        .plugin(DATA, PluginKind.DATA_SOURCE.id(), true, "where the data comes from")
        .plugin(PRETEXT, PluginKind.PRETEXT_TASK.id(), true, "the pretext task")
        .plugin(ENCODER, PluginKind.ENCODER.id(), true, "the network being pretrained")
        .add(new io.pretext.api.config.KeySpec(AUGMENT, io.pretext.api.config.KeySpec.Shape.PLUGIN_LIST, null, false,
            null, augmenterCommon(), PluginKind.AUGMENTER.id(), "per-sample augmentations, applied in order"))
        .plugin(HEAD, PluginKind.HEAD.id(), false, "the head the task puts on the encoder")
        .section(TRAIN, train, "the pretraining loop")
        .section(DOWNSTREAM, downstream(), "transfer to the labeled task")
        .section(EXPORT, export(), "ONNX export of the encoder")
        .section(OUTPUT, output(), "where the run directory goes")
        .build();
  }

  /** Keys every augmenter accepts. */
  static ConfigSchema augmenterCommon() {
    return ConfigSchema.builder()
        .optional("p", ValueType.probability(), 1.0, "probability that the augmenter is applied to a sample")
        .build();
  }

  static ConfigSchema downstream() {
    return ConfigSchema.builder()
        .optional("enabled", ValueType.bool(), true, "run the transfer step after pretraining")
        .optional("labels", ValueType.listOf(ValueType.positiveInt()), java.util.List.of(100, 600, 6000),
            "labeled-subset sizes, drawn stratified from the training split")
        .optionalNoDefault("fractions", ValueType.listOf(ValueType.real(0, true, 1, false)),
            "labeled-subset sizes as fractions of the training split (instead of labels)")
        .optional("subset-seeds", ValueType.listOf(ValueType.nonNegativeInt()), java.util.List.of(0),
            "seeds of the labeled subsets: frozen-feature evaluators run once per seed, reported as mean and sd"
                + " (0: the default draw)")
        .optional("end-to-end-seeds", ValueType.listOf(ValueType.nonNegativeInt()), java.util.List.of(0),
            "subset seeds of the evaluators that train the encoder (fine-tune, from-scratch)")
        .add(new io.pretext.api.config.KeySpec("preprocess", io.pretext.api.config.KeySpec.Shape.PLUGIN_LIST, null,
            false, null, augmenterCommon(), PluginKind.AUGMENTER.id(),
            "deterministic per-sample preprocessing of labeled and test samples (e.g. normalize), in order"))
        .pluginList("evaluators", PluginKind.EVALUATOR.id(), "transfer methods, one table row each")
        .plugin(DATA, PluginKind.DATA_SOURCE.id(), false,
            "the labeled data of the transfer step, when it is not the pretraining data (e.g. sentiment after sotu)")
        .build();
  }

  static ConfigSchema export() {
    return ConfigSchema.builder()
        .optional("enabled", ValueType.bool(), false, "export the encoder to ONNX at the end of the run")
        .optional("opset", ValueType.integer(17, 21), 17, "ONNX opset version")
        .optional("tolerance", ValueType.real(0, true, 1, false), 1e-4,
            "largest allowed difference between ONNX Runtime and the Java model")
        .build();
  }

  static ConfigSchema output() {
    return ConfigSchema.builder()
        .optional("dir", ValueType.string(), "runs", "parent folder of run directories")
        .optionalNoDefault("name", ValueType.string(), "the run directory's name (default: config name and time)")
        .build();
  }
}
