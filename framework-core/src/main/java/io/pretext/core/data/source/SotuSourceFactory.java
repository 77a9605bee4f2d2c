package io.pretext.core.data.source;

import com.google.inject.Inject;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.core.data.SentenceSplitter;
import io.pretext.core.data.SotuReader;
import io.pretext.api.data.Splits;
import io.pretext.api.data.TextDataset;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sotu} data source: State of the Union addresses labeled by party, one sample per
 * speech or, with {@code unit: sentence}, per sentence ({@link SentenceSplitter}).
 */
public final class SotuSourceFactory implements PluginFactory<DataSource> {
  private final DataFetcher fetcher;
  private final long seed;

  @Inject
  public SotuSourceFactory(RuntimeSettings settings) {
    this(DataFetcher.forSettings(settings), settings.seed());
  }

  public SotuSourceFactory(DataFetcher fetcher, long seed) {
    this.fetcher = fetcher;
    this.seed = seed;
  }

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("test-fraction", ValueType.real(0, false, 1, true), 0.0, "fraction of speeches held out as the test split (seeded)")
        .optional("unit", ValueType.oneOf("speech", "sentence"), "speech",
            "one sample per speech, or per sentence (rule-based splitting; each labeled by its speech's party)")
        .optional("min-words", ValueType.nonNegativeInt(), 3, "with unit sentence: drop sentences of fewer words")
        .optional("fetch", ValueType.bool(), true, "fetch the data set into the cache on first use")
        .build();
  }

  @Override
  public String description() {
    return "US State of the Union addresses (233 speeches, 1790-2021), labeled by party";
  }

  @Override
  public DataSource create(ConfigNode config) {
    double fraction = config.getDouble("test-fraction", 0.0);
    boolean fetch = config.getBoolean("fetch", true);
    boolean sentences = config.getString("unit", "speech").equals("sentence");
    int minWords = config.getInt("min-words", 3);
    return new LoadingDataSource(String.class, () -> {
      TextDataset speeches = new SotuReader().read(CatalogAccess.files(fetcher, "sotu", fetch).folder());
      return Splits.holdOut(sentences ? sentencesOf(speeches, new SentenceSplitter(minWords)) : speeches, fraction, seed);
    });
  }

  /** Every sentence of every speech, in order, labeled as its speech. */
  static TextDataset sentencesOf(TextDataset speeches, SentenceSplitter splitter) {
    List<String> texts = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 0; i < speeches.size(); i++) {
      for (String sentence : splitter.split(speeches.get(i))) {
        texts.add(sentence);
        labels.add(speeches.label(i));
      }
    }
    return new TextDataset(texts, labels.stream().mapToInt(Integer::intValue).toArray(), speeches.classNames());
  }
}
