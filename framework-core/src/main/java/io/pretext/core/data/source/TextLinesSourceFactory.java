package io.pretext.core.data.source;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.core.data.TextLinesReader;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code text-lines} data source: unlabeled texts, one per non-blank line of a UTF-8 file. */
public final class TextLinesSourceFactory implements PluginFactory<DataSource> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .required("path", ValueType.string(), "UTF-8 text file, one sample per line")
        .optionalNoDefault("test-path", ValueType.string(), "a second file for the test split")
        .build();
  }

  @Override
  public String description() {
    return "unlabeled texts, one per non-blank line of a UTF-8 file";
  }

  @Override
  public DataSource create(ConfigNode config) {
    Path path = Path.of(config.getString("path"));
    Path testPath = config.has("test-path") ? Path.of(config.getString("test-path")) : null;
    return new LoadingDataSource(String.class, () -> {
      TextLinesReader reader = new TextLinesReader();
      Optional<Dataset<String>> test = testPath == null ? Optional.empty() : Optional.of(reader.read(testPath));
      return new DataSplits<String>(reader.read(path), test);
    });
  }
}
