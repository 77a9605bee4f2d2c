package io.pretext.core.data.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.data.SequentialDataset;
import io.pretext.api.data.SkipsBadImages;
import io.pretext.api.runtime.SeedSource;
import io.pretext.core.data.image.FolderIndex;
import io.pretext.core.data.image.ImageFileDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An image folder and tar shards treat an image that does not decode the same way, on indexed reads. */
class SkipBadImagesTest {
  @TempDir Path dir;

  /** Makes a data set of the given encoded images (in index order), skipping bad ones or not. */
  interface Source {
    Dataset<Image> make(Path dir, List<byte[]> images, boolean skip) throws IOException;
  }

  private static final Source FOLDER = (dir, images, skip) -> {
    Path root = Files.createDirectories(dir.resolve("folder"));
    for (int i = 0; i < images.size(); i++) {
      Files.write(root.resolve("k" + i + ".png"), images.get(i));
    }
    return new ImageFileDataset(FolderIndex.build(root, false, null, false), ShardFixtures.decoder(), skip);
  };

  private static final Source SHARDS = (dir, images, skip) -> {
    Object[] entries = new Object[images.size() * 2];
    for (int i = 0; i < images.size(); i++) {
      entries[2 * i] = "k" + i + ".png";
      entries[2 * i + 1] = images.get(i);
    }
    ShardFixtures.tar(dir.resolve("shards/a.tar"), entries);
    return new TarShardDataset(TarShardIndex.scan(dir.resolve("shards")), ShardFixtures.decoder(), 0, skip);
  };

  static Stream<Arguments> sources() {
    return Stream.of(Arguments.of(Named.of("image folder", FOLDER)), Arguments.of(Named.of("tar shards", SHARDS)));
  }

  /** Images with ids 1, (bad), 3, 4, (bad): a truncated PNG and bytes that are no image. */
  private static List<byte[]> withTwoBad() throws IOException {
    List<byte[]> images = new ArrayList<>();
    images.add(ShardFixtures.png(1));
    byte[] whole = ShardFixtures.png(2);
    images.add(Arrays.copyOf(whole, whole.length * 2 / 5));
    images.add(ShardFixtures.png(3));
    images.add(ShardFixtures.png(4));
    images.add(new byte[] {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'});
    return images;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void withoutSkippingABadImageIsAnErrorNamingIt(Source source) throws IOException {
    Dataset<Image> ds = source.make(dir, withTwoBad(), false);
    assertEquals(1, ShardFixtures.id(ds.get(0)));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> ds.get(1));
    assertTrue(e.getMessage().contains("k1.png") && e.getMessage().contains("skip-bad-images"), e.getMessage());
    assertEquals(0, ((SkipsBadImages) ds).skippedImages());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void withSkippingTheNextDecodableSampleStandsInAndEachBadOneCountsOnce(Source source) throws IOException {
    Dataset<Image> ds = source.make(dir, withTwoBad(), true);
    SkipsBadImages counted = (SkipsBadImages) ds;
    assertEquals(1, ShardFixtures.id(ds.get(0)));
    assertEquals(3, ShardFixtures.id(ds.get(1)), "the next sample in index order");
    assertEquals(1, counted.skippedImages());
    assertEquals(3, ShardFixtures.id(ds.get(1)));
    assertEquals(1, ShardFixtures.id(ds.get(4)), "past the end it wraps to the first");
    assertEquals(3, ShardFixtures.id(ds.unlabeled().get(1)), "a view skips the same way");
    assertEquals(2, counted.skippedImages(), "each bad sample counted once, views included");
    assertEquals(2, SkipsBadImages.of(ds.unlabeled()));
  }

  @Test
  void aShardStreamLeavesBadImagesOutAndCountsThemOnceOverEpochsAndIndexedReads() throws IOException {
    TarShardDataset ds = (TarShardDataset) SHARDS.make(dir, withTwoBad(), true);
    for (int epoch = 0; epoch < 2; epoch++) {
      List<Integer> ids = new ArrayList<>();
      try (SequentialDataset.Stream<Image> s = ds.stream(new SeedSource(7).generator("shuffle", epoch))) {
        s.forEachRemaining(r -> r.decode().ifPresent(img -> ids.add(ShardFixtures.id(img))));
      }
      assertEquals(List.of(1, 3, 4), ids.stream().sorted().toList(), "epoch " + epoch);
    }
    assertEquals(3, ShardFixtures.id(ds.get(1)));
    assertEquals(2, ds.skippedImages());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void whenNoImageDecodesTheErrorSaysSo(Source source) throws IOException {
    byte[] bad = {1, 2, 3, 4};
    Dataset<Image> ds = source.make(dir, List.of(bad, bad), true);
    DataException e = assertThrows(DataException.class, () -> ds.get(0));
    assertTrue(e.getMessage().contains("none of the 2"), e.getMessage());
    assertEquals(2, ((SkipsBadImages) ds).skippedImages());
  }
}
