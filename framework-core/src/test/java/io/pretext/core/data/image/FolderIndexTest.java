package io.pretext.core.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderIndexTest {
  @TempDir Path dir;

  private Path image(String rel, int w, int h, int seed) throws Exception {
    return ImageFixtures.write(dir.resolve("data").resolve(rel), ImageFixtures.png(ImageFixtures.gradient(w, h, seed)));
  }

  private IndexCache cache() {
    return new IndexCache(dir.resolve("cache"));
  }

  /** Moves a folder's mtime back, as if the last change were long ago, so a new change is seen. */
  private static void age(Path p) throws Exception {
    Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() - 60_000));
  }

  @Test
  void labeledFolderIndexesFilesWithSortedClassesAndNoPixels() throws Exception {
    image("zebra/1.png", 4, 3, 0);
    image("apple/b.jpg.png", 5, 5, 1);
    image("apple/a.png", 6, 2, 2);
    Files.writeString(dir.resolve("data/apple/notes.txt"), "not an image");

    FolderIndex index = FolderIndex.build(dir.resolve("data"), true, null, false);

    assertEquals(List.of("apple", "zebra"), index.classNames());
    assertEquals(List.of("apple/a.png", "apple/b.jpg.png", "zebra/1.png"),
        index.entries().stream().map(FolderIndex.Entry::path).toList());
    assertEquals(List.of(0, 0, 1), index.entries().stream().map(FolderIndex.Entry::label).toList());
    assertEquals(Files.size(dir.resolve("data/zebra/1.png")), index.entries().get(2).size());
  }

  @Test
  void flatFolderTakesImagesInSubfoldersAndSkipsHiddenOnes() throws Exception {
    image("2024/01/a.png", 4, 3, 0);
    image("b.png", 4, 3, 0);
    image(".thumbs/c.png", 4, 3, 0);

    FolderIndex index = FolderIndex.build(dir.resolve("data"), false, null, false);

    assertEquals(List.of("2024/01/a.png", "b.png"), index.entries().stream().map(FolderIndex.Entry::path).toList());
    assertFalse(index.labeled());
  }

  @Test
  void cachedIndexIsUsedUntilAFileIsAddedRemovedOrChanged() throws Exception {
    Path a = image("a.png", 4, 4, 0);
    image("b.png", 4, 4, 1);
    Path data = dir.resolve("data");

    IndexCache.Outcome first = cache().index(data, false, null, false);
    assertFalse(first.cached());
    IndexCache.Outcome second = cache().index(data, false, null, false);
    assertTrue(second.cached());
    assertEquals(first.index(), second.index());

    age(data);
    image("c.png", 4, 4, 2);
    IndexCache.Outcome added = cache().index(data, false, null, false);
    assertEquals(List.of(false, 1, 0, 0), List.of(added.cached(), added.added(), added.removed(), added.changed()));
    assertEquals(3, added.index().size());

    age(data);
    Files.delete(dir.resolve("data/b.png"));
    IndexCache.Outcome removed = cache().index(data, false, null, false);
    assertEquals(List.of(false, 0, 1, 0), List.of(removed.cached(), removed.added(), removed.removed(), removed.changed()));

    Files.write(a, ImageFixtures.png(ImageFixtures.gradient(9, 9, 3)));
    IndexCache.Outcome changed = cache().index(data, false, null, false);
    assertEquals(List.of(false, 0, 0, 1), List.of(changed.cached(), changed.added(), changed.removed(), changed.changed()));
    assertTrue(cache().index(data, false, null, false).cached());
  }

  @Test
  void aCorruptCacheFileIsRebuiltNotTrusted() throws Exception {
    image("a.png", 4, 4, 0);
    Path data = dir.resolve("data");
    cache().index(data, false, null, false);
    try (var files = Files.list(dir.resolve("cache"))) {
      for (Path f : files.toList()) {
        Files.writeString(f, "pretext-image-index 1\n" + data.toAbsolutePath() + "\n\nf\tx\n");
      }
    }
    IndexCache.Outcome again = cache().index(data, false, null, false);
    assertFalse(again.cached());
    assertEquals(1, again.index().size());
  }

  @Test
  void emptyFolderIsRefusedNamingIt() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    DataException e = assertThrows(DataException.class, () -> FolderIndex.build(empty, false, null, false));
    assertEquals(empty, e.file());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void folderWithoutImageFilesIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs/readme.txt"), "hello");
    DataException e = assertThrows(DataException.class, () -> FolderIndex.build(dir.resolve("docs"), false, null, false));
    assertTrue(e.getMessage().contains("no image files"), e.getMessage());
    assertTrue(e.getMessage().contains(".png"), e.getMessage());
  }

  @Test
  void classFolderWithoutImagesIsRefusedNamingTheClassFolder() throws Exception {
    image("cats/1.png", 4, 4, 0);
    Files.createDirectories(dir.resolve("data/dogs"));
    Files.writeString(dir.resolve("data/dogs/list.txt"), "x");
    DataException e = assertThrows(DataException.class, () -> FolderIndex.build(dir.resolve("data"), true, null, false));
    assertEquals(dir.resolve("data/dogs"), e.file());
    assertTrue(e.getMessage().contains("class folder has no images"), e.getMessage());
  }

  @Test
  void symlinkLoopIsRefusedNamingTheLink() throws Exception {
    image("a/1.png", 4, 4, 0);
    Files.createSymbolicLink(dir.resolve("data/a/back"), dir.resolve("data"));
    DataException e = assertThrows(DataException.class, () -> FolderIndex.build(dir.resolve("data"), false, null, false));
    assertTrue(e.getMessage().contains("symbolic link loop"), e.getMessage());
    assertTrue(e.getMessage().contains("back"), e.getMessage());
  }

  @Test
  void brokenLinkIsAnErrorOrSkippedAndCounted() throws Exception {
    image("a.png", 4, 4, 0);
    Files.createSymbolicLink(dir.resolve("data/gone.png"), dir.resolve("nowhere.png"));
    DataException e = assertThrows(DataException.class, () -> FolderIndex.build(dir.resolve("data"), false, null, false));
    assertEquals(dir.resolve("data/gone.png"), e.file());

    FolderIndex skipped = FolderIndex.build(dir.resolve("data"), false, null, true);
    assertEquals(1, skipped.size());
    assertEquals(List.of(dir.resolve("data/gone.png")), skipped.unreadable());
  }

  @Test
  void unreadableFileIsRefusedNamingIt() throws Exception {
    image("a.png", 4, 4, 0);
    Path locked = image("b.png", 4, 4, 0);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked), "running as root: every file is readable");
    DataException e = assertThrows(DataException.class, () -> FolderIndex.build(dir.resolve("data"), false, null, false));
    assertEquals(locked, e.file());
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }

  @Test
  void aTestSplitTakesTheTrainingClassesAndRefusesAForeignClassFolder() throws Exception {
    image("train/a/1.png", 2, 2, 0);
    image("train/b/1.png", 2, 2, 0);
    image("test/b/1.png", 2, 2, 0);
    image("odd/c/1.png", 2, 2, 0);
    List<String> names = FolderIndex.build(dir.resolve("data/train"), true, null, false).classNames();

    FolderIndex test = FolderIndex.build(dir.resolve("data/test"), true, names, false);

    assertEquals(List.of("a", "b"), test.classNames());
    assertEquals(1, test.entries().get(0).label());
    DataException e = assertThrows(DataException.class,
        () -> FolderIndex.build(dir.resolve("data/odd"), true, names, false));
    assertTrue(e.getMessage().contains("not among the training classes"), e.getMessage());
  }

  @Test
  void datasetDecodesEachFileAtItsOwnSizeOnDemand() throws Exception {
    image("cats/1.png", 7, 3, 0);
    image("dogs/1.png", 4, 9, 0);
    FolderIndex index = FolderIndex.build(dir.resolve("data"), true, null, false);
    ImageFileDataset ds = new ImageFileDataset(index, new ImageDecoder(1, 1000), false);

    Image a = ds.get(0);
    Image b = ds.get(1);
    assertEquals(List.of(1, 3, 7), List.of(a.channels(), a.height(), a.width()));
    assertEquals(List.of(1, 9, 4), List.of(b.channels(), b.height(), b.width()));
    assertEquals(1, ds.label(1));
  }

  @Test
  void badImageFailsNamingItOrIsSkippedCountedAndReplaced() throws Exception {
    image("a.png", 4, 4, 0);
    Path bad = ImageFixtures.write(dir.resolve("data/b.png"),
        ImageFixtures.truncated(ImageFixtures.png(ImageFixtures.gradient(30, 30, 0)), 0.4));
    image("c.png", 5, 5, 0);
    FolderIndex index = FolderIndex.build(dir.resolve("data"), false, null, false);

    ImageFileDataset strict = new ImageFileDataset(index, new ImageDecoder(3, 1000), false);
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> strict.get(1));
    assertEquals(bad, e.file());

    ImageFileDataset lenient = new ImageFileDataset(index, new ImageDecoder(3, 1000), true);
    assertEquals(5, lenient.get(1).width(), "the next file stands in");
    assertEquals(5, lenient.get(1).width());
    assertEquals(1, lenient.skippedImages(), "each bad file counted once");
  }
}
