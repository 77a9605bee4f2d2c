package io.pretext.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.stubbing.Answer;

/**
 * The fetcher and the real apt and npm downloaders when the package manager fails or delivers a
 * wrong file. Only the command runner is a mock: no command runs, nothing touches the network.
 */
@ExtendWith(MockitoExtension.class)
class FetchFailureTest {
  private static final String DEB_FOLDER = "usr/share/datasets/tiny-images/";
  private static final List<String> APT = List.of("apt-get", "download", "dataset-tiny");
  private static final List<String> NPM = List.of("npm", "pack", "tiny-text@1.0.0");

  @TempDir Path tmp;
  @Mock CommandRunner runner;
  @Captor ArgumentCaptor<Path> folder;
  private Path cache;
  private final Map<String, byte[]> images = new LinkedHashMap<>();
  private final Map<String, byte[]> texts = new LinkedHashMap<>();
  private DataFetcher fetcher;

  @BeforeEach
  void setUp() throws IOException {
    cache = tmp.resolve("cache");
    images.put("train-images.gz", DataFixtures.gzip(DataFixtures.idxImages(6, 2, 2)));
    images.put("train-labels.gz", DataFixtures.gzip(DataFixtures.idxLabels(6, 2)));
    images.put("test-images.gz", DataFixtures.gzip(DataFixtures.idxImages(3, 2, 2)));
    images.put("test-labels.gz", DataFixtures.gzip(DataFixtures.idxLabels(3, 2)));
    texts.put("a.json", "[{\"text\":\"x\",\"class\":0}]".getBytes(StandardCharsets.UTF_8));
    DatasetCatalog catalog = DatasetCatalog.of(List.of(
        new DatasetSpec("tiny-images", "test images", new PackageSource(Manager.APT, "dataset-tiny", null), DEB_FOLDER,
            pins(images), Optional.of(new IdxLayout("train-images.gz", "train-labels.gz", "test-images.gz",
                "test-labels.gz", List.of("no", "yes")))),
        new DatasetSpec("tiny-text", "test texts", new PackageSource(Manager.NPM, "tiny-text", "1.0.0"), "package/",
            pins(texts), Optional.empty())));
    fetcher = new DataFetcher(cache, catalog, Map.of(Manager.APT, new AptDownloader(runner, "apt-get"),
        Manager.NPM, new NpmDownloader(runner, "npm")), Files.createDirectories(tmp.resolve("root")));
  }

  private static Map<String, String> pins(Map<String, byte[]> files) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path t = Files.createTempFile("pin", ".bin");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      out.put(f.getKey(), Sha256.of(Files.write(t, f.getValue())));
    }
    Files.delete(t);
    return out;
  }

  /** What apt-get download does: leaves a .deb with these files in its working folder. */
  private static Answer<String> leavesDeb(Map<String, byte[]> files) {
    return call -> {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      files.forEach((k, v) -> entries.put("./" + DEB_FOLDER + k, v));
      PackageArchives.deb(call.<Path>getArgument(1).resolve("dataset-tiny_1_all.deb"), entries);
      return "";
    };
  }

  private void assertCacheHoldsNothing() throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      List<Path> left = s.toList();
      assertTrue(left.isEmpty() || left.equals(List.of(cache.resolve("datasets"))), "no temporary folder: " + left);
    }
    assertTrue(fetcher.cached("tiny-images").isEmpty() && fetcher.cached("tiny-text").isEmpty());
  }

  @Test
  void aptFailingWithAnUnknownPackageSaysToUpdateThePackageLists() throws Exception {
    when(runner.run(eq(APT), any())).thenThrow(new FetchCommandException(APT, 100,
        "E: Unable to locate package dataset-tiny", "'apt-get download dataset-tiny' failed with exit code 100"));

    FetchCommandException e = assertThrows(FetchCommandException.class, () -> fetcher.fetch("tiny-images"));

    assertEquals(100, e.exitCode());
    assertTrue(e.getMessage().contains("apt-get cannot find the package dataset-tiny (exit code 100)"), e.getMessage());
    assertTrue(e.getMessage().contains("run 'apt-get update'"), e.getMessage());
    assertTrue(e.getMessage().endsWith("apt-get said:\nE: Unable to locate package dataset-tiny"), e.getMessage());
    verify(runner).run(eq(APT), folder.capture());
    assertTrue(folder.getValue().startsWith(cache), "downloads into the cache: " + folder.getValue());
    assertFalse(Files.exists(folder.getValue()), "the download folder is removed");
    assertCacheHoldsNothing();
  }

  @Test
  void aFailureWithoutErrorOutputReachesTheUserAsItIsAndALaterTryStartsClean() throws Exception {
    FetchCommandException silent = new FetchCommandException(APT, 1, "",
        "'apt-get download dataset-tiny' failed with exit code 1 and no error output");
    when(runner.run(eq(APT), any())).thenThrow(silent).thenAnswer(leavesDeb(images));

    assertSame(silent, assertThrows(FetchCommandException.class, () -> fetcher.fetch("tiny-images")));
    assertCacheHoldsNothing();

    FetchResult again = fetcher.fetch("tiny-images");
    assertEquals(FetchResult.Origin.DOWNLOADED, again.origin());
    assertArrayEquals(images.get("test-labels.gz"), Files.readAllBytes(again.file("test-labels.gz")));
    verify(runner, times(2)).run(eq(APT), any());
  }

  @Test
  void npmFailingWithANotFoundErrorNamesThePackage() throws Exception {
    when(runner.run(eq(NPM), any())).thenThrow(new FetchCommandException(NPM, 1,
        "npm error code E404\nnpm error 404 Not Found - tiny-text", "'npm pack tiny-text@1.0.0' failed with exit code 1"));

    FetchCommandException e = assertThrows(FetchCommandException.class, () -> fetcher.fetch("tiny-text"));

    assertTrue(e.getMessage().contains("npm cannot find the package tiny-text@1.0.0 (exit code 1)"), e.getMessage());
    assertTrue(e.getMessage().contains("404 Not Found - tiny-text"), e.getMessage());
    assertCacheHoldsNothing();
  }

  @Test
  void aDeliveredFileWithAnotherChecksumIsMovedAsideWithAClearError() throws Exception {
    Map<String, byte[]> wrong = new LinkedHashMap<>(images);
    wrong.put("train-images.gz", DataFixtures.gzip(DataFixtures.idxImages(5, 2, 2)));
    when(runner.run(eq(APT), any())).thenAnswer(leavesDeb(wrong));
    String pinned = fetcher.catalog().get("tiny-images").sha256().get("train-images.gz");

    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> fetcher.fetch("tiny-images"));

    assertEquals(pinned, e.expected());
    assertTrue(e.getMessage().startsWith("train-images.gz of data set tiny-images, as apt package dataset-tiny"
        + " delivered it: SHA-256 mismatch: expected " + pinned), e.getMessage());
    assertTrue(e.getMessage().contains("found " + Sha256.of(e.movedTo()))
        && e.getMessage().contains("moved aside to " + e.movedTo()), e.getMessage());
    assertTrue(e.movedTo().startsWith(cache.resolve("datasets/tiny-images")), e.movedTo().toString());
    assertArrayEquals(wrong.get("train-images.gz"), Files.readAllBytes(e.movedTo()), "the wrong file is kept aside");
    assertFalse(Files.exists(cache.resolve("datasets/tiny-images/train-images.gz")), "never where a run would read it");
    assertFalse(Files.exists(cache.resolve("datasets/tiny-images/test-images.gz")), "no file of the set is placed");
    assertCacheHoldsNothing();
  }
}
