package io.pretext.core.data.source;

import com.google.inject.Inject;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.core.data.LabeledTextReader;
import io.pretext.api.data.Splits;
import io.pretext.api.data.TextDataset;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.core.data.fetch.FetchResult;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sentiment} data source: review sentences labeled negative/positive, from the imdb,
 * amazon and yelp fixture files of the catalog's {@code sentiment} data set.
 */
public final class SentimentSourceFactory implements PluginFactory<DataSource> {
  private static final List<String> CLASSES = List.of("negative", "positive");
  private final DataFetcher fetcher;
  private final long seed;

  @Inject
  public SentimentSourceFactory(RuntimeSettings settings) {
    this(DataFetcher.forSettings(settings), settings.seed());
  }

  public SentimentSourceFactory(DataFetcher fetcher, long seed) {
    this.fetcher = fetcher;
    this.seed = seed;
  }

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("sources", ValueType.listOf(ValueType.oneOf("imdb", "amazon", "yelp")), List.of("imdb", "amazon", "yelp"),
            "which review collections to use")
        .optional("test-fraction", ValueType.real(0, false, 1, true), 0.2, "fraction held out as the test split (seeded)")
        .optional("fetch", ValueType.bool(), true, "fetch the data set into the cache on first use")
        .build();
  }

  @Override
  public String description() {
    return "review sentences (imdb, amazon, yelp) labeled negative/positive";
  }

  @Override
  public DataSource create(ConfigNode config) {
    List<String> sources = config.has("sources") ? config.getStringList("sources") : List.of("imdb", "amazon", "yelp");
    double fraction = config.getDouble("test-fraction", 0.2);
    boolean fetch = config.getBoolean("fetch", true);
    return new LoadingDataSource(String.class, () -> {
      FetchResult files = CatalogAccess.files(fetcher, "sentiment", fetch);
      LabeledTextReader reader = new LabeledTextReader(new LabeledTextReader.Options("text", "class", true));
      List<String> texts = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (String s : sources) {
        TextDataset part = reader.read(files.file(s + ".json"), List.of("0", "1"));
        for (int i = 0; i < part.size(); i++) {
          texts.add(part.get(i));
          labels.add(part.label(i));
        }
      }
      TextDataset all = new TextDataset(texts, labels.stream().mapToInt(Integer::intValue).toArray(), CLASSES);
      return Splits.holdOut(all, fraction, seed);
    });
  }
}
