package io.pretext.api.plugin;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.ImageSize;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's checks know of the run before any data is read, handed to {@link
 * PluginFactory#checkRun}: the whole validated config, and what the other plugins say of the
 * samples.
 *
 * @param config the whole validated run, every section with its defaults, e.g. {@code
 *     config.getNode("train").getInt("batch-size")}
 * @param taskImageSize the size of the images the pretext task receives, after the {@code augment}
 *     list and the data's fit step, when the data source and every augmenter declare it (see {@link
 *     io.pretext.api.spi.DataSource#imageSize()} and {@link io.pretext.api.spi.Augmenter#outputSize});
 *     empty when unknown, e.g. text, or images read at their own sizes with no fit step
 */
public record RunFacts(ConfigNode config, Optional<ImageSize> taskImageSize) {
  public RunFacts {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(taskImageSize, "taskImageSize");
  }
}
