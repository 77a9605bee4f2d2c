package io.pretext.contrastive;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dino} pretext task: {@code {name: dino, prototypes: 1024, teacher-momentum: 0.996,
 * global-crops: {size: 28, scale: [0.4, 1]}, local-crops: {count: 4, size: 14, scale: [0.05,
 * 0.4]}}}; the projector before the bottleneck is the run's {@code head} (default {@link
 * DinoTask#DEFAULT_HIDDEN} to {@link DinoTask#DEFAULT_BOTTLENECK}).
 */
public final class DinoTaskFactory implements PluginFactory<PretextTask> {
  private static final ValueType SCALE = ValueType.listOf(ValueType.real(0, true, 1, false));
  private static final ValueType SIDE = ValueType.integer(1, 4096);
  private static final ConfigSchema GLOBAL = ConfigSchema.builder()
      .optionalNoDefault("size", SIDE, "side of the two global crops, cut by DINO before the augment list; absent: the"
          + " augment list alone makes the two views (then no local crops)")
      .optional("scale", SCALE, List.of(0.4, 1.0), "[min, max] fraction of the image area a global crop covers")
      .build();
  private static final ConfigSchema LOCAL = ConfigSchema.builder()
      .optional("count", ValueType.integer(0, 64), 0L, "local crops per image, seen by the student only (0: no multi-crop)")
      .optionalNoDefault("size", SIDE, "side of the local crops, at most global-crops.size")
      .optional("scale", SCALE, List.of(0.05, 0.4), "[min, max] fraction of the image area a local crop covers")
      .build();
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("prototypes", ValueType.integer(1, 1 << 20), 1024L, "K, the outputs of the last layer")
      .optional("normalize-prototypes", ValueType.bool(), true, "weight-normalised last layer (gain 1), else plain linear")
      .optional("teacher-momentum", ValueType.real(0, false, 1, false), 0.996,
          "base momentum of the teacher EMA, in [0, 1]; follows a cosine to 1")
      .optional("center-momentum", ValueType.real(0, false, 1, true), DinoCenter.DEFAULT_MOMENTUM,
          "momentum of the teacher centre, in [0, 1)")
      .optional("student-temperature", ValueType.positiveReal(), DinoLoss.DEFAULT_STUDENT_TEMPERATURE, "tau_s")
      .optional("warmup-teacher-temperature", ValueType.positiveReal(), 0.04, "tau_t at the start")
      .optional("teacher-temperature", ValueType.positiveReal(), 0.07, "tau_t after the warm-up")
      .optional("teacher-temperature-warmup-epochs", ValueType.real(0, false, 1e6, false), 30.0,
          "epochs over which tau_t rises linearly (the paper: 30)")
      .section("global-crops", GLOBAL, "the two global views")
      .section("local-crops", LOCAL, "multi-crop: the small views")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "DINO: self-distillation of an EMA teacher into a student, centring, sharpening, multi-crop (Caron et al. 2021)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new DinoTask(new DinoTask.Settings(config.has("prototypes") ? config.getLong("prototypes") : 1024L,
        config.getBoolean("normalize-prototypes", true), config.getDouble("teacher-momentum", 0.996),
        config.getDouble("center-momentum", DinoCenter.DEFAULT_MOMENTUM),
        config.getDouble("student-temperature", DinoLoss.DEFAULT_STUDENT_TEMPERATURE),
        config.getDouble("warmup-teacher-temperature", 0.04), config.getDouble("teacher-temperature", 0.07),
        config.getDouble("teacher-temperature-warmup-epochs", 30), crops(config)));
  }

  private static MultiCrop crops(ConfigNode config) {
    ConfigNode global = config.getNode("global-crops");
    ConfigNode local = config.getNode("local-crops");
    int count = local.getInt("count", 0);
    Optional<MultiCrop.Crop> g = global.has("size")
        ? Optional.of(crop(global, global.getInt("size"), List.of(0.4, 1.0))) : Optional.empty();
    if (count == 0) {
      return new MultiCrop(g, 0, new MultiCrop.Crop(1, 1, 1));
    }
    if (g.isEmpty()) {
      throw ConfigException.at(global.pathOf("size"), "is required with local crops (" + local.pathOf("count") + " = "
          + count + "): DINO then cuts both kinds of crops itself; set it (e.g. 28) and remove random-resized-crop"
          + " from the augment list");
    }
    if (!local.has("size")) {
      throw ConfigException.at(local.pathOf("size"), "is required with local crops; set it below "
          + global.pathOf("size") + " = " + g.get().size() + " (e.g. " + Math.max(1, g.get().size() / 2) + ")");
    }
    int size = local.getInt("size");
    if (size > g.get().size()) {
      throw ConfigException.at(local.pathOf("size"), "a local crop of " + size + " pixels is larger than the global"
          + " crops of " + g.get().size() + " (" + global.pathOf("size") + "); local crops are the small views:"
          + " use a size <= " + g.get().size() + " (the paper: 96 against 224)");
    }
    return new MultiCrop(g, count, crop(local, size, List.of(0.05, 0.4)));
  }

  private static MultiCrop.Crop crop(ConfigNode node, int size, List<Double> fallback) {
    List<Double> scale = node.has("scale") ? node.getDoubleList("scale") : fallback;
    if (scale.size() != 2 || scale.get(0) > scale.get(1)) {
      throw ConfigException.at(node.pathOf("scale"), "must be [min, max] with 0 < min <= max <= 1, got " + scale);
    }
    return new MultiCrop.Crop(size, scale.get(0), scale.get(1));
  }
}
