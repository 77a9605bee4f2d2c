package io.pretext.core.data.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import io.pretext.api.data.SequentialDataset;
import io.pretext.api.runtime.SeedSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarShardsTest {
  @TempDir
  Path tmp;

  @Test
  void classFoldersRoundTripThroughShards() throws IOException {
    Path images = ShardFixtures.classFolders(tmp.resolve("images"), 3, 5);
    TarShardWriter.Result written = new TarShardWriter(4, 7).write(images, tmp.resolve("shards"));
    assertEquals(15, written.images());
    assertEquals(4, written.shards());
    assertEquals(List.of("class-a", "class-b", "class-c"), written.classNames());

    TarShardIndex index = TarShardIndex.scan(tmp.resolve("shards"));
    assertEquals(4, index.shards().size());
    assertEquals(List.of("class-a", "class-b", "class-c"), index.classNames());
    TarShardDataset data = new TarShardDataset(index, ShardFixtures.decoder(), 8, false);
    assertTrue(data.labeled());
    Map<Integer, Integer> labelOfId = new HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      Image image = data.get(i);
      assertEquals(ShardFixtures.decoder().decode(ShardFixtures.png(ShardFixtures.id(image)), Path.of("source.png")),
          image, "the same pixels as the source file");
      labelOfId.put(ShardFixtures.id(image), data.label(i));
    }
    assertEquals(15, labelOfId.size(), "every image once");
    for (int id = 0; id < 15; id++) {
      assertEquals(id / 5, labelOfId.get(id), "image " + id + " keeps its class folder's label");
    }
    assertFalse(data.unlabeled().labeled());
  }

  @Test
  void aFlatFolderGivesUnlabeledShards() throws IOException {
    Path images = ShardFixtures.flatFolder(tmp.resolve("flat"), 5);
    TarShardWriter.Result written = new TarShardWriter(10, 0).write(images, tmp.resolve("shards"));
    assertEquals(1, written.shards());
    assertTrue(written.classNames().isEmpty());
    assertFalse(Files.exists(tmp.resolve("shards").resolve(TarShardIndex.CLASSES_FILE)));
    TarShardIndex index = TarShardIndex.scan(tmp.resolve("shards"));
    assertEquals(5, index.size());
    assertFalse(index.labeled());
  }

  @Test
  void aStreamHoldsEverySampleOnceAndFollowsItsSeed() throws IOException {
    ShardFixtures.flatFolder(tmp.resolve("flat"), 40);
    new TarShardWriter(6, 0).write(tmp.resolve("flat"), tmp.resolve("shards"));
    TarShardDataset data = new TarShardDataset(TarShardIndex.scan(tmp.resolve("shards")), ShardFixtures.decoder(), 10,
        false);
    List<Integer> first = ids(data, 1);
    assertEquals(40, first.size());
    assertEquals(40, first.stream().distinct().count(), "every sample exactly once");
    assertEquals(first, ids(data, 1), "same seed, same order");
    assertFalse(first.equals(ids(data, 2)), "another seed, another order");
  }

  @Test
  void withoutABufferTheShardsAreReadFrontToBack() throws IOException {
    ShardFixtures.flatFolder(tmp.resolve("flat"), 12);
    new TarShardWriter(4, 0).write(tmp.resolve("flat"), tmp.resolve("shards"));
    TarShardIndex index = TarShardIndex.scan(tmp.resolve("shards"));
    TarShardDataset data = new TarShardDataset(index, ShardFixtures.decoder(), 0, false);
    List<Integer> order = ids(data, 3);
    // in runs of 4, each a whole shard in file order
    for (int run = 0; run < 3; run++) {
      List<Integer> part = order.subList(run * 4, run * 4 + 4);
      int shard = -1;
      for (int s = 0; s < 3; s++) {
        if (ShardFixtures.id(data.get(index.samplesOf(s).findFirst().getAsInt())) == part.get(0)) {
          shard = s;
        }
      }
      List<Integer> expected = new ArrayList<>();
      index.samplesOf(shard).forEach(i -> expected.add(ShardFixtures.id(data.get(i))));
      assertEquals(expected, part);
    }
  }

  @Test
  void aTruncatedShardIsRefusedNamingIt() throws IOException {
    ShardFixtures.flatFolder(tmp.resolve("flat"), 6);
    new TarShardWriter(3, 0).write(tmp.resolve("flat"), tmp.resolve("shards"));
    Path shard = tmp.resolve("shards").resolve("shard-000001.tar");
    TarShardIndex whole = TarShardIndex.scan(shard);
    ShardSample last = whole.sample(whole.size() - 1);
    try (FileChannel ch = FileChannel.open(shard, StandardOpenOption.WRITE)) {
      ch.truncate(last.offset() + last.length() / 2); // mid-file
    }
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> TarShardIndex.scan(tmp.resolve("shards")));
    assertEquals(shard, e.file());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains(last.imageEntry()), e.getMessage());
  }

  @Test
  void aLabelThatIsNotAnIntegerIsRefusedNamingTheEntry() throws IOException {
    Path shard = ShardFixtures.tar(tmp.resolve("s").resolve("a.tar"), "k1.png", ShardFixtures.png(1), "k1.cls", "3",
        "k2.png", ShardFixtures.png(2), "k2.cls", "cat");
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> TarShardIndex.scan(tmp.resolve("s")));
    assertEquals(shard, e.file());
    assertTrue(e.getMessage().contains("k2.cls") && e.getMessage().contains("'cat'"), e.getMessage());
    assertTrue(e.getMessage().contains("integer"), e.getMessage());
  }

  @Test
  void anEmptyShardFolderIsRefused() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    DataException e = assertThrows(DataException.class, () -> TarShardIndex.scan(empty));
    assertEquals(empty, e.file());
    assertTrue(e.getMessage().contains("no tar shards") && e.getMessage().contains("pretext data shard"),
        e.getMessage());
  }

  @Test
  void keysFollowWebDatasetAndMustBeAdjacent() throws IOException {
    ShardFixtures.tar(tmp.resolve("ok").resolve("a.tar"), "dir/x.y.png", ShardFixtures.png(1), "dir/x.y.cls", "0",
        "dir/x.y.json", "{}");
    TarShardIndex ok = TarShardIndex.scan(tmp.resolve("ok"));
    assertEquals(1, ok.size());
    assertEquals("dir/x", ok.sample(0).key(), "the key ends at the file name's first dot");
    assertEquals(List.of("0"), ok.classNames(), "without classes.json the names are the label numbers");

    ShardFixtures.tar(tmp.resolve("split").resolve("a.tar"), "k1.png", ShardFixtures.png(1), "k2.png",
        ShardFixtures.png(2), "k1.cls", "0");
    DataException e = assertThrows(DataException.class, () -> TarShardIndex.scan(tmp.resolve("split")));
    assertTrue(e.getMessage().contains("not adjacent"), e.getMessage());
  }

  @Test
  void anImageThatDoesNotDecodeIsNamedOrSkippedAndCounted() throws IOException {
    ShardFixtures.tar(tmp.resolve("bad").resolve("a.tar"), "k1.png", ShardFixtures.png(1), "k2.jpg",
        "not an image", "k3.png", ShardFixtures.png(3));
    TarShardIndex index = TarShardIndex.scan(tmp.resolve("bad"));
    TarShardDataset strict = new TarShardDataset(index, ShardFixtures.decoder(), 0, false);
    try (SequentialDataset.Stream<Image> s = strict.stream(new SeedSource(1).generator("shuffle", 0))) {
      s.next();
      CorruptDataException e = assertThrows(CorruptDataException.class, () -> s.next().decode());
      assertTrue(e.getMessage().contains("k2.jpg") && e.getMessage().contains("skip-bad-images"), e.getMessage());
    }
    TarShardDataset lenient = new TarShardDataset(index, ShardFixtures.decoder(), 0, true);
    List<Optional<Image>> decoded = new ArrayList<>();
    try (SequentialDataset.Stream<Image> s = lenient.stream(new SeedSource(1).generator("shuffle", 0))) {
      s.forEachRemaining(r -> decoded.add(r.decode()));
    }
    assertEquals(3, decoded.size());
    assertEquals(2, decoded.stream().filter(Optional::isPresent).count());
    assertEquals(1, lenient.skippedImages());
  }

  @Test
  void writingRefusesAClassFolderWithoutImagesAndAnOccupiedOutput() throws IOException {
    Path images = ShardFixtures.classFolders(tmp.resolve("images"), 2, 2);
    Files.createDirectories(images.resolve("empty-class"));
    DataException e = assertThrows(DataException.class,
        () -> new TarShardWriter(2, 0).write(images, tmp.resolve("out")));
    assertEquals(images.resolve("empty-class"), e.file());
    Files.delete(images.resolve("empty-class"));
    new TarShardWriter(2, 0).write(images, tmp.resolve("out"));
    DataException again = assertThrows(DataException.class,
        () -> new TarShardWriter(2, 0).write(images, tmp.resolve("out")));
    assertTrue(again.getMessage().contains("already holds shards"), again.getMessage());
  }

  private static List<Integer> ids(TarShardDataset data, long seed) {
    List<Integer> ids = new ArrayList<>();
    try (SequentialDataset.Stream<Image> s = data.stream(new SeedSource(seed).generator("shuffle", 0))) {
      s.forEachRemaining(r -> ids.add(ShardFixtures.id(r.decode().orElseThrow())));
    }
    return ids;
  }
}
