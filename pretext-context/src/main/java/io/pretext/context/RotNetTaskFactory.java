package io.pretext.context;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;
import java.util.List;

/** The {@code rotnet} pretext task: {@code {name: rotnet, rotations: [0, 90, 180, 270], hidden: 128}}. */
public final class RotNetTaskFactory implements PluginFactory<PretextTask> {
  private static final List<Long> PAPER = List.of(0L, 90L, 180L, 270L);
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("rotations", ValueType.listOf(ValueType.integer(0, 270)), PAPER,
          "angles shown, degrees counter-clockwise, distinct multiples of 90 (class j = the j-th angle)")
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

  /** @throws io.pretext.api.config.ConfigException at {@code rotations}: an angle not a multiple of 90, a repeat */
  @Override
  public PretextTask create(ConfigNode config) {
    List<Long> given = config.has("rotations") ? config.getLongList("rotations") : PAPER;
    List<Integer> degrees = given.stream().map(Math::toIntExact).toList();
    return new RotNetTask(degrees, config.getInt("hidden", 128));
  }
}
