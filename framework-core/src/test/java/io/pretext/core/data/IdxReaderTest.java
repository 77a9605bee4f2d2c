package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.Image;
import io.pretext.api.data.ImageDataset;
import io.pretext.api.data.Splits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;
  private final IdxReader reader = new IdxReader();

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void roundTripsImagesAndLabels(boolean gzip) throws Exception {
    byte[] im = DataFixtures.idxImages(5, 3, 4);
    byte[] lb = DataFixtures.idxLabels(5, 3);
    Path images = DataFixtures.write(dir.resolve("imgs"), gzip ? DataFixtures.gzip(im) : im);
    Path labels = DataFixtures.write(dir.resolve("lbls"), gzip ? DataFixtures.gzip(lb) : lb);

    ImageDataset ds = reader.read(images, labels, List.of("a", "b", "c"));

    assertEquals(5, ds.size());
    assertEquals(1, ds.channels());
    assertEquals(3, ds.height());
    assertEquals(4, ds.width());
    assertEquals(List.of("a", "b", "c"), ds.classNames());
    assertEquals(1, ds.label(4));
    assertArrayEquals(Arrays.copyOfRange(im, 16 + 12 * 2, 16 + 12 * 3), ds.rawPixels(2));
    Image first = ds.get(1);
    assertEquals(31 / 255f, first.get(0, 0, 0), 1e-6);
    first.set(0, 0, 0, 0.5f);
    assertEquals(31 / 255f, ds.get(1).get(0, 0, 0), 1e-6, "get returns a fresh image");
    assertEquals(5, reader.count(images));
    assertEquals(5, reader.count(labels));
  }

  @Test
  void detectsGzipByMagicNotByName() throws Exception {
    Path images = DataFixtures.write(dir.resolve("train-images.idx"), DataFixtures.gzip(DataFixtures.idxImages(2, 2, 2)));
    Path plain = DataFixtures.write(dir.resolve("plain.gz"), DataFixtures.idxImages(2, 2, 2));
    assertTrue(CompressedInput.isGzip(images));
    assertFalse(CompressedInput.isGzip(plain));
    assertEquals(2, reader.readImages(images).count());
    assertEquals(2, reader.readImages(plain).count());
  }

  @Test
  void unlabeledWhenNoLabelFile() throws Exception {
    Path images = DataFixtures.write(dir.resolve("i"), DataFixtures.idxImages(3, 2, 2));
    ImageDataset ds = reader.read(images, null, List.of());
    assertFalse(ds.labeled());
    assertEquals(List.of(), ds.classNames());
  }

  @Test
  void wrongMagicSaysFoundAndExpected() throws Exception {
    Path labels = DataFixtures.write(dir.resolve("labels-as-images"), DataFixtures.idxLabels(4, 2));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.readImages(labels));
    assertTrue(e.getMessage().contains("labels-as-images"), e.getMessage());
    assertTrue(e.getMessage().contains("wrong magic number 0x00000801"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
    assertEquals(labels, e.file());

    Path images = DataFixtures.write(dir.resolve("images-as-labels.gz"), DataFixtures.gzip(DataFixtures.idxImages(1, 2, 2)));
    CorruptDataException e2 = assertThrows(CorruptDataException.class, () -> reader.readLabels(images));
    assertTrue(e2.getMessage().contains("0x00000803") && e2.getMessage().contains("expected 0x00000801"), e2.getMessage());
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void truncatedImagesSayExpectedAndPresentBytes(boolean gzip) throws Exception {
    byte[] full = DataFixtures.idxImages(4, 5, 5);
    byte[] cut = Arrays.copyOf(full, full.length - 30);
    byte[] data = gzip ? DataFixtures.gzip(cut) : cut;
    Path file = DataFixtures.write(dir.resolve(gzip ? "cut-images.gz" : "cut-images"), data);
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.readImages(file));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("need 100 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("found 70"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 116 bytes in all, present 86"), e.getMessage());
  }

  @Test
  void truncatedGzipStreamItselfIsReportedAsTruncated() throws Exception {
    byte[] gz = DataFixtures.gzip(DataFixtures.idxImages(50, 10, 10));
    Path file = DataFixtures.write(dir.resolve("broken.gz"), Arrays.copyOf(gz, gz.length / 2));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.readImages(file));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("need 5000 bytes"), e.getMessage());
  }

  @Test
  void truncatedHeader() throws Exception {
    Path file = DataFixtures.write(dir.resolve("short"), Arrays.copyOf(DataFixtures.idxImages(1, 2, 2), 10));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.readImages(file));
    assertTrue(e.getMessage().contains("header needs 16 bytes, found 10"), e.getMessage());
  }

  @Test
  void truncatedLabels() throws Exception {
    Path file = DataFixtures.write(dir.resolve("lab"), Arrays.copyOf(DataFixtures.idxLabels(10, 2), 12));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.readLabels(file));
    assertTrue(e.getMessage().contains("10 labels need 10 bytes") && e.getMessage().contains("found 4"), e.getMessage());
  }

  @Test
  void countMismatchNamesBothFilesAndCounts() throws Exception {
    Path images = DataFixtures.write(dir.resolve("train-images"), DataFixtures.idxImages(6, 2, 2));
    Path labels = DataFixtures.write(dir.resolve("train-labels"), DataFixtures.idxLabels(5, 2));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.read(images, labels, List.of()));
    String m = e.getMessage();
    assertTrue(m.contains("train-images") && m.contains("train-labels"), m);
    assertTrue(m.contains("5 labels") && m.contains("6 images"), m);
  }

  @Test
  void labelOutsideClassNames() throws Exception {
    Path images = DataFixtures.write(dir.resolve("i"), DataFixtures.idxImages(3, 2, 2));
    Path labels = DataFixtures.write(dir.resolve("l"), DataFixtures.idxLabels(3, 3));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader.read(images, labels, List.of("x", "y")));
    assertTrue(e.getMessage().contains("label 2 at index 2"), e.getMessage());
  }

  @Test
  void headKeepsFirstImages() throws Exception {
    Path images = DataFixtures.write(dir.resolve("i"), DataFixtures.idxImages(6, 2, 2));
    Path labels = DataFixtures.write(dir.resolve("l"), DataFixtures.idxLabels(6, 3));
    ImageDataset ds = reader.read(images, labels, List.of());
    ImageDataset head = ds.head(4);
    assertEquals(4, head.size());
    assertEquals(ds.get(3), head.get(3));
    assertEquals(ds.label(3), head.label(3));
    assertEquals(List.of("0", "1", "2"), ds.classNames());
    assertEquals(6, Splits.limit(ds, 0).size());
  }
}
