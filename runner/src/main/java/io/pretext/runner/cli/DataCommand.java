package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.core.data.fetch.DatasetSpec;
import io.pretext.core.data.fetch.FetchResult;
import io.pretext.core.data.shard.TarShardWriter;
import io.pretext.api.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pretext data fetch|list|shard|throughput}: the named data sets and their cache; tar shards
 * from an image folder; how fast a run's data pipeline makes batches.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Fetch and list the named data sets (cache: $" + RuntimeSettings.DATA_CACHE_ENV + " or ~/.cache/pretext);"
        + " write tar shards from an image folder; measure a run's data pipeline.",
    subcommands = {DataCommand.Fetch.class, DataCommand.ListSets.class, DataCommand.Shard.class,
        DataThroughputCommand.class})
final class DataCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The {@code --cache} option, a picocli mixin shared by the data subcommands. */
  static final class CacheOption {
    @Option(names = "--cache", paramLabel = "DIR", description = "The data cache folder.")
    Path cache;

    DataFetcher fetcher() {
      return new DataFetcher(cache != null ? cache : RuntimeSettings.defaultDataCache());
    }
  }

  /** Fetches (or finds in the cache) and verifies named data sets. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Fetch named data sets into the cache and verify their checksums; a cached copy is verified and reused.")
  static final class Fetch implements Runnable {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Data set names (see 'pretext data list').")
    private List<String> names;

    @picocli.CommandLine.Mixin
    private CacheOption cacheOption;

    @Override
    public void run() {
      DataFetcher fetcher = cacheOption.fetcher();
      for (String name : names) {
        FetchResult result = fetcher.fetch(name);
        spec.commandLine().getOut().println(result.summary());
      }
    }
  }

  /** Lists the catalog and what is cached. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the named data sets and whether each is cached.")
  static final class ListSets implements Runnable {
    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private CacheOption cacheOption;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      DataFetcher fetcher = cacheOption.fetcher();
      for (DatasetSpec d : fetcher.catalog().all()) {
        String state = fetcher.cached(d.name()).map(r -> "cached: " + r.folder()).orElse("not fetched");
        out.printf("%-14s %s%n%-14s from %s; %s%n", d.name(), d.description(), "", d.source(), state);
      }
      out.println("cache: " + fetcher.cacheFolder());
    }
  }

  /** Writes WebDataset-style tar shards from an image folder, for the {@code image-shards} data source. */
  @Command(name = "shard", mixinStandardHelpOptions = true,
      description = "Write tar shards (KEY.jpg/KEY.png, KEY.cls labels, classes.json) from an image folder: flat,"
          + " or one subfolder per class.")
  static final class Shard implements Runnable {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The image folder.")
    private Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder the shards go to (new or empty).")
    private Path out;

    @Option(names = "--shard-size", paramLabel = "N", defaultValue = "1000", description = "Images per shard (default ${DEFAULT-VALUE}).")
    private int shardSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
        description = "Seed of the order images are written in, so that shards mix the classes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public void run() {
      if (shardSize < 1) {
        throw new PretextUserException("--shard-size must be at least 1, got " + shardSize);
      }
      spec.commandLine().getOut().println(new TarShardWriter(shardSize, seed).write(images, out).summary());
    }
  }
}
