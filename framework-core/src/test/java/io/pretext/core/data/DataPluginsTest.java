package io.pretext.core.data;

import io.pretext.api.data.DataException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.KeySpec;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.core.data.fetch.DatasetCatalog;
import io.pretext.core.data.source.DataPlugins;
import io.pretext.core.data.source.FashionMnistSourceFactory;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.api.plugin.PluginRegistration;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataPluginsTest {
  private static final List<String> NAMES = List.of("fashion-mnist", "mnist", "idx", "image-folder", "image-shards", "text-lines",
      "labeled-text", "sotu", "sentiment");
  @TempDir Path dir;

  private PluginRegistry registry() {
    RuntimeSettings settings = new RuntimeSettings(1, 1, "cpu", dir.resolve("cache"));
    return PluginLoader.discover().createRegistry(settings, MetricsSink.NONE);
  }

  /** What the validator would hand a factory: the given values plus every default. */
  private static ConfigNode section(ConfigSchema schema, Map<String, Object> values) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (KeySpec k : schema.keys()) {
      if (k.canonicalDefault() != null) {
        all.put(k.name(), k.canonicalDefault());
      }
    }
    values.forEach((k, v) -> all.put(k, schema.key(k).orElseThrow().type().coerce(v)));
    return ConfigNode.of("data", all);
  }

  @Test
  void discoveredThroughServiceLoader() {
    List<String> names = PluginLoader.discover().registrations().stream()
        .filter(r -> r.kind() == PluginKind.DATA_SOURCE && r.moduleClass() == DataPlugins.class)
        .map(PluginRegistration::name).toList();
    assertEquals(NAMES, names);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fashion-mnist", "mnist", "idx", "image-folder", "image-shards", "text-lines", "labeled-text", "sotu", "sentiment"})
  void everyFactoryIsBuiltByGuiceWithALowerCaseSchema(String name) {
    PluginFactory<?> f = registry().factory(PluginKind.DATA_SOURCE, name, "data.name");
    assertFalse(f.description().isBlank());
    for (KeySpec k : f.schema().keys()) {
      assertTrue(k.name().matches("[a-z]+(-[a-z]+)*"), k.name());
    }
  }

  @Test
  void idxSourceLoadsSplits() throws Exception {
    Path ti = DataFixtures.write(dir.resolve("ti.gz"), DataFixtures.gzip(DataFixtures.idxImages(8, 2, 3)));
    Path tl = DataFixtures.write(dir.resolve("tl"), DataFixtures.idxLabels(8, 4));
    Path si = DataFixtures.write(dir.resolve("si"), DataFixtures.idxImages(2, 2, 3));
    Path sl = DataFixtures.write(dir.resolve("sl"), DataFixtures.idxLabels(2, 4));
    PluginFactory<?> f = registry().factory(PluginKind.DATA_SOURCE, "idx", "data.name");
    DataSource source = (DataSource) f.create(section(f.schema(), Map.of("train-images", ti.toString(),
        "train-labels", tl.toString(), "test-images", si.toString(), "test-labels", sl.toString())));
    assertEquals(Image.class, source.sampleType());
    DataSplits<?> splits = source.load();
    assertEquals(8, splits.train().size());
    assertEquals(2, splits.test().orElseThrow().size());
    assertEquals(List.of("0", "1", "2", "3"), splits.train().classNames());
    assertTrue(splits == source.load(), "loaded once");
  }

  @Test
  void textSourcesLoad() throws Exception {
    Path lines = Files.writeString(dir.resolve("l.txt"), "a\nb\n\nc\n");
    Path csv = Files.writeString(dir.resolve("d.csv"), "body,label\n\"x, y\",pos\nz,neg\n");
    PluginRegistry r = registry();
    PluginFactory<?> tl = r.factory(PluginKind.DATA_SOURCE, "text-lines", "data.name");
    DataSource t = (DataSource) tl.create(section(tl.schema(), Map.of("path", lines.toString())));
    assertEquals(3, t.load().train().size());
    assertEquals(String.class, t.sampleType());
    PluginFactory<?> lt = r.factory(PluginKind.DATA_SOURCE, "labeled-text", "data.name");
    DataSource l = (DataSource) lt.create(section(lt.schema(), Map.of("path", csv.toString(), "text-column", "body",
        "class-column", "label")));
    assertEquals(List.of("neg", "pos"), l.load().train().classNames());
  }

  @Test
  void catalogSourceWithoutFetchFailsWhenNotCached() {
    DataFetcher fetcher = new DataFetcher(dir.resolve("empty-cache"), DatasetCatalog.builtIn(), Map.of(), dir.resolve("root"));
    FashionMnistSourceFactory f = new FashionMnistSourceFactory(fetcher);
    DataSource s = f.create(section(f.schema(), Map.of("fetch", false)));
    DataException e = assertThrows(DataException.class, s::load);
    assertTrue(e.getMessage().contains("fashion-mnist is not in the cache") && e.getMessage().contains("fetch: true"),
        e.getMessage());
  }

  @Test
  void imageFolderStreamsFilesAtTheirOwnSizeAndFitsThemToSize() throws Exception {
    io.pretext.core.data.image.ImageFixtures.write(dir.resolve("imgs/cats/1.png"),
        io.pretext.core.data.image.ImageFixtures.png(io.pretext.core.data.image.ImageFixtures.gradient(12, 9, 0)));
    io.pretext.core.data.image.ImageFixtures.write(dir.resolve("imgs/dogs/1.jpg"),
        io.pretext.core.data.image.ImageFixtures.jpeg(io.pretext.core.data.image.ImageFixtures.gradient(5, 20, 0)));
    PluginFactory<?> f = registry().factory(PluginKind.DATA_SOURCE, "image-folder", "data.name");
    DataSource source = (DataSource) f.create(section(f.schema(), Map.of("path", dir.resolve("imgs").toString(),
        "size", 8, "channels", 1)));

    DataSplits<?> splits = source.load();

    assertEquals(List.of("cats", "dogs"), splits.train().classNames());
    Image dog = (Image) splits.train().get(1);
    assertEquals(List.of(1, 20, 5), List.of(dog.channels(), dog.height(), dog.width()), "decoded at its own size");
    @SuppressWarnings("unchecked")
    io.pretext.api.spi.Augmenter<Image> fit = (io.pretext.api.spi.Augmenter<Image>) source.fitStep().orElseThrow();
    Image fitted = fit.apply(dog, new java.util.SplittableRandom(0));
    assertEquals(List.of(8, 8), List.of(fitted.height(), fitted.width()));
    assertTrue(Files.list(dir.resolve("cache/image-index")).findAny().isPresent(), "index cached in the data cache");
  }
}
