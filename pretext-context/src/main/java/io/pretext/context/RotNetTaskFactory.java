package io.pretext.context;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;
import java.util.List;

/** The {@code rotnet} pretext task: {@code {name: rotnet, rotations: [0, 90, 180, 270], hidden: 128}}. */
public final class RotNetTaskFactory implements PluginFactory<PretextTask> {
  private static final List<String> PAPER = List.of("0", "90", "180", "270");
  // Angles as words from a fixed set, so that the run file's check (schema only) refuses 45 or 360.
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("rotations", ValueType.listOf(ValueType.oneOf("0", "90", "180", "270")), PAPER,
          "angles shown, degrees counter-clockwise, distinct (class j = the j-th angle)")
      .optional("hidden", ValueType.integer(0, 1 << 20), 128, "hidden width of the default head; 0 for a linear head")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "RotNet: which of 0/90/180/270 degrees was the image turned by (Gidaris, Singh, Komodakis 2018)";
  }

  /** @throws ConfigException at {@code rotations}: an angle not a multiple of 90, a repeat */
  @Override
  public PretextTask create(ConfigNode config) {
    List<String> given = config.has("rotations") ? config.getStringList("rotations") : PAPER;
    List<Integer> degrees;
    try {
      degrees = given.stream().map(d -> Integer.parseInt(d.trim())).toList();
    } catch (NumberFormatException e) {
      throw ConfigException.at(config.pathOf("rotations"), "rotations must be whole degrees, got " + given
          + "; use e.g. [0, 90, 180, 270]");
    }
    return new RotNetTask(degrees, config.getInt("hidden", 128));
  }
}
