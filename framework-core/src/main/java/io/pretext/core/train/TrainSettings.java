package io.pretext.core.train;

import io.pretext.api.train.LearningRateSchedule;
import io.pretext.api.train.OptimizerSpec;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.KeySpec;
import io.pretext.api.config.Suggestions;
import io.pretext.api.config.ValueType;
import java.util.HashMap;
import java.util.Map;

/**
 * The run's {@code train} section: how long and how the pretraining loop runs.
 *
 * @param epochs passes over the data
 * @param batchSize samples per step
 * @param learningRate the optimizer's learning rate
 * @param weightDecay L2 weight decay (decoupled for adamw)
 * @param optimizer {@code adam}, {@code adamw}, {@code sgd} (with momentum) or {@code lars}
 *     ({@link io.pretext.api.train.Lars})
 * @param momentum momentum for sgd and lars
 * @param maxSteps stop after this many steps; 0 for no limit
 * @param checkpointEvery write a checkpoint every this many steps; 0 for only at the end
 * @param keepCheckpoints how many checkpoints to keep
 * @param prefetch batches prepared ahead of the training thread
 * @param workers threads preparing batches
 * @param dropLast drop the last, incomplete batch of an epoch
 * @param logEvery write a metrics line and update the progress bar every this many steps
 * @param warmupSteps steps over which the learning rate rises linearly from 0 to its value; 0 for none
 * @param schedule {@code constant}: the learning rate after warm-up; {@code linear}: then decays
 *     linearly to 0 at the last step; {@code cosine}: then decays along a half cosine to 0 at the
 *     last step
 * @param weightDecayScope {@code all} parameters, or {@code matrices} only (not biases and norm scales)
 * @param gradientClip the largest global gradient norm; 0 for no clipping
 * @param initFrom a finished run to continue from (its weights, and its task's state such as a
 *     tokenizer); empty to start from a fresh initialization
 * @param groupByLength put samples of similar length in the same batch (tasks that report sample
 *     lengths, e.g. {@code mlm}), so that less of each batch is padding
 * @param trustCoefficient lars's trust coefficient
 * @param heldOutSamples at most this many test samples for the pretext task's held-out check after
 *     pretraining
 * @param maxMinutes a wall-clock budget of pretraining: stop after the first step that ends past it
 *     (time spent by the online monitor not counted); 0 for no limit
 * @param monitor the online monitor of the encoder's features at epoch ends ({@code monitor-*} keys)
 * @param autoResume when the run directory exists and holds a checkpoint, continue from its newest
 *     (as {@code pretext resume}) instead of refusing the directory
 */
public record TrainSettings(
    int epochs,
    int batchSize,
    double learningRate,
    double weightDecay,
    String optimizer,
    double momentum,
    long maxSteps,
    long checkpointEvery,
    int keepCheckpoints,
    int prefetch,
    int workers,
    boolean dropLast,
    int logEvery,
    long warmupSteps,
    String schedule,
    String weightDecayScope,
    double gradientClip,
    String initFrom,
    boolean groupByLength,
    double trustCoefficient,
    int heldOutSamples,
    double maxMinutes,
    MonitorSettings monitor,
    boolean autoResume) {

  private static final ConfigSchema SCHEMA = OptimizerSpec.larsKeys(OptimizerSpec.decayScopeAndClipKeys(ConfigSchema.builder()
      .optional("epochs", ValueType.integer(1, 1_000_000), 10, "passes over the unlabeled data")
      .optional("batch-size", ValueType.integer(1, 65_536), 64, "samples per training step")
      .optional("learning-rate", ValueType.real(0, true, 10, false), 1e-3, "the optimizer's learning rate")
      .optional("weight-decay", ValueType.real(0, false, 1, false), 0.0, "L2 weight decay (decoupled for adamw)")
      .optional("optimizer", ValueType.oneOf("adam", "adamw", "sgd", "lars"), "adam",
          "adam, adamw, sgd (with momentum) or lars (layer-wise trust ratio, as SimCLR and BYOL)")
      .optional("momentum", ValueType.real(0, false, 1, true), 0.9, "momentum of sgd and lars")
      .optional("max-steps", ValueType.nonNegativeInt(), 0, "stop after this many steps; 0 for no limit")
      .optional("checkpoint-every", ValueType.nonNegativeInt(), 500, "steps between checkpoints; 0 for only at the end")
      .optional("keep-checkpoints", ValueType.integer(1, 1000), 3, "how many recent checkpoints to keep")
      .optional("prefetch", ValueType.integer(1, 1024), 4, "batches prepared ahead of the training thread")
      .optional("workers", ValueType.integer(1, 256), 2, "threads preparing batches")
      .optional("drop-last", ValueType.bool(), true, "drop the last, incomplete batch of each epoch")
      .optional("log-every", ValueType.integer(1, 1_000_000), 10, "steps between metrics lines and progress updates")
      .optional("warmup-steps", ValueType.nonNegativeInt(), 0, "steps of linear learning-rate warm-up from 0; 0 for none")
      .optional("schedule", ValueType.oneOf("constant", "linear", "cosine"), "constant",
          "learning rate after warm-up: constant, or linear or cosine decay to 0 at the last step"))
      .optional("init-from", ValueType.string(), "",
          "a finished run to continue pretraining from (its weights and its task's state, e.g. the tokenizer); "
              + "empty for a fresh start")
      .optional("group-by-length", ValueType.bool(), false,
          "batch samples of similar length together (tasks with variable-length samples, e.g. mlm): less padding")
      .optional("held-out-samples", ValueType.integer(1, 100_000_000), 10_000,
          "at most this many test samples for the pretext task's held-out loss after pretraining")
      .optional("max-minutes", ValueType.real(0, false, 1e6, false), 0.0,
          "wall-clock budget of pretraining in minutes: stop after the step that ends past it (the monitor's "
              + "time not counted); 0 for no limit")
      .optional("monitor-samples", ValueType.integer(0, 1_000_000), 0,
          "online monitor: labeled training samples in its kNN bank and as many test samples it is scored on, "
              + "at epoch ends; 0 turns it off (needs a data source with labels and a test split)")
      .optional("monitor-every-epochs", ValueType.integer(1, 1_000_000), 1,
          "online monitor: epochs between two measurements (the last epoch is always measured)")
      .optional("monitor-k", ValueType.integer(1, 100_000), 20, "online monitor: neighbours that vote in its kNN")
      .optional("monitor-linear-probe", ValueType.bool(), false,
          "online monitor: also train a linear probe on the frozen features of its bank (stop-gradient) and score it")
      .optional("auto-resume", ValueType.bool(), false,
          "when the run directory exists and holds a checkpoint, continue from the newest (as pretext resume)"))
      .build();

  public TrainSettings {
    Map<String, Object> given = new HashMap<>();
    given.put("epochs", (long) epochs);
    given.put("batch-size", (long) batchSize);
    given.put("learning-rate", learningRate);
    given.put("weight-decay", weightDecay);
    given.put("optimizer", optimizer);
    given.put("momentum", momentum);
    given.put("max-steps", maxSteps);
    given.put("checkpoint-every", checkpointEvery);
    given.put("keep-checkpoints", (long) keepCheckpoints);
    given.put("prefetch", (long) prefetch);
    given.put("workers", (long) workers);
    given.put("drop-last", dropLast);
    given.put("log-every", (long) logEvery);
    given.put("warmup-steps", warmupSteps);
    given.put("schedule", schedule);
    given.put("weight-decay-scope", weightDecayScope);
    given.put("gradient-clip", gradientClip);
    given.put("init-from", initFrom);
    given.put("group-by-length", groupByLength);
    given.put("trust-coefficient", trustCoefficient);
    given.put("held-out-samples", (long) heldOutSamples);
    given.put("max-minutes", maxMinutes);
    java.util.Objects.requireNonNull(monitor, "monitor");
    given.put("monitor-samples", (long) monitor.samples());
    given.put("monitor-every-epochs", (long) monitor.everyEpochs());
    given.put("monitor-k", (long) monitor.k());
    given.put("monitor-linear-probe", monitor.linearProbe());
    given.put("auto-resume", autoResume);
    for (KeySpec spec : SCHEMA.keys()) {
      try {
        spec.type().coerce(given.get(spec.name()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("train." + spec.name() + ": " + e.getMessage() + ", got " + given.get(spec.name()));
      }
    }
  }

  /** The keys of the {@code train} section, with defaults and ranges. */
  public static ConfigSchema schema() {
    return SCHEMA;
  }

  /** Every default. */
  public static TrainSettings defaults() {
    return from(ConfigNode.empty("train"));
  }

  /**
   * Reads a {@code train} section; absent keys take their defaults.
   *
   * @throws ConfigException naming the key when a value is out of range, of the wrong type, or
   *     the key is unknown
   */
  public static TrainSettings from(ConfigNode node) {
    for (String key : node.keys()) {
      if (SCHEMA.key(key).isEmpty()) {
        throw ConfigException.at(node.pathOf(key), "unknown key" + Suggestions.didYouMean(key, SCHEMA.names()));
      }
    }
    return new TrainSettings(
        (int) (long) value(node, "epochs"),
        (int) (long) value(node, "batch-size"),
        value(node, "learning-rate"),
        value(node, "weight-decay"),
        value(node, "optimizer"),
        value(node, "momentum"),
        value(node, "max-steps"),
        value(node, "checkpoint-every"),
        (int) (long) value(node, "keep-checkpoints"),
        (int) (long) value(node, "prefetch"),
        (int) (long) value(node, "workers"),
        value(node, "drop-last"),
        (int) (long) value(node, "log-every"),
        value(node, "warmup-steps"),
        value(node, "schedule"),
        value(node, "weight-decay-scope"),
        value(node, "gradient-clip"),
        value(node, "init-from"),
        value(node, "group-by-length"),
        value(node, "trust-coefficient"),
        (int) (long) value(node, "held-out-samples"),
        value(node, "max-minutes"),
        new MonitorSettings((int) (long) value(node, "monitor-samples"),
            (int) (long) value(node, "monitor-every-epochs"), (int) (long) value(node, "monitor-k"),
            value(node, "monitor-linear-probe")),
        value(node, "auto-resume"));
  }

  /** A copy with other values for the given keys, e.g. {@code with(Map.of("epochs", 1))}. */
  public TrainSettings with(Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(toMap());
    all.putAll(overrides);
    return from(ConfigNode.of("train", all));
  }

  /** The optimizer these settings describe. */
  public OptimizerSpec optimizerSpec() {
    return new OptimizerSpec(optimizer, weightDecay, weightDecayScope, momentum, trustCoefficient);
  }

  /** The run to continue from, when {@code init-from} names one. */
  public java.util.Optional<java.nio.file.Path> initFromRun() {
    return initFrom.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(initFrom));
  }

  /** The settings as a {@code train} section. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("epochs", (long) epochs);
    m.put("batch-size", (long) batchSize);
    m.put("learning-rate", learningRate);
    m.put("weight-decay", weightDecay);
    m.put("optimizer", optimizer);
    m.put("momentum", momentum);
    m.put("max-steps", maxSteps);
    m.put("checkpoint-every", checkpointEvery);
    m.put("keep-checkpoints", (long) keepCheckpoints);
    m.put("prefetch", (long) prefetch);
    m.put("workers", (long) workers);
    m.put("drop-last", dropLast);
    m.put("log-every", (long) logEvery);
    m.put("warmup-steps", warmupSteps);
    m.put("schedule", schedule);
    m.put("weight-decay-scope", weightDecayScope);
    m.put("gradient-clip", gradientClip);
    m.put("init-from", initFrom);
    m.put("group-by-length", groupByLength);
    m.put("trust-coefficient", trustCoefficient);
    m.put("held-out-samples", (long) heldOutSamples);
    m.put("max-minutes", maxMinutes);
    m.put("monitor-samples", (long) monitor.samples());
    m.put("monitor-every-epochs", (long) monitor.everyEpochs());
    m.put("monitor-k", (long) monitor.k());
    m.put("monitor-linear-probe", monitor.linearProbe());
    m.put("auto-resume", autoResume);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static <T> T value(ConfigNode node, String key) {
    KeySpec spec = SCHEMA.key(key).orElseThrow();
    Object raw = node.has(key) ? node.get(key) : spec.defaultValue();
    try {
      return (T) spec.type().coerce(raw);
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(node.pathOf(key), e.getMessage() + ", got '" + raw + "'");
    }
  }

  /** The learning-rate schedule these settings describe for a run of {@code total} steps. */
  public LearningRateSchedule learningRateSchedule(long total) {
    return new LearningRateSchedule((float) learningRate, warmupSteps, total, LearningRateSchedule.Decay.named(schedule));
  }
}
