package io.pretext.core.data.source;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.core.data.LabeledTextReader;
import io.pretext.api.data.TextDataset;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code labeled-text} data source: texts with classes from a JSON array or a CSV file. */
public final class LabeledTextSourceFactory implements PluginFactory<DataSource> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .required("path", ValueType.string(), "JSON array of {text, class} objects, or CSV with a header")
        .optionalNoDefault("test-path", ValueType.string(), "a second file (same format) for the test split")
        .optional("text-column", ValueType.string(), "text", "JSON key or CSV column of the text")
        .optional("class-column", ValueType.string(), "class", "JSON key or CSV column of the class")
        .build();
  }

  @Override
  public String description() {
    return "labeled texts from a JSON array or a CSV file";
  }

  @Override
  public DataSource create(ConfigNode config) {
    LabeledTextReader.Options options = new LabeledTextReader.Options(config.getString("text-column", "text"),
        config.getString("class-column", "class"), false);
    Path path = Path.of(config.getString("path"));
    Path testPath = config.has("test-path") ? Path.of(config.getString("test-path")) : null;
    return new LoadingDataSource(String.class, () -> {
      LabeledTextReader reader = new LabeledTextReader(options);
      TextDataset train = reader.read(path);
      Optional<Dataset<String>> test = testPath == null ? Optional.empty()
          : Optional.of(reader.read(testPath, train.classNames()));
      return new DataSplits<String>(train, test);
    });
  }
}
