package io.pretext.core.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated IDX headers (magic, dimension count, dimensions, body length, gzip or not): reading
 * one either succeeds, when the header is valid and the body complete, or throws a
 * {@link DataException} that names the file; never an OutOfMemoryError or another exception.
 */
class IdxHeaderPropertiesTest {
  private static Path dir;

  @BeforeContainer
  static void folder() throws IOException {
    dir = Files.createTempDirectory("idx-properties");
  }

  @AfterContainer
  static void clean() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Provide
  Arbitrary<Integer> magic() {
    return Arbitraries.oneOf(Arbitraries.just(IdxReader.IMAGES_MAGIC), Arbitraries.just(IdxReader.LABELS_MAGIC),
        Arbitraries.just(0x00000802), Arbitraries.integers());
  }

  @Provide
  Arbitrary<Integer> dim() {
    return Arbitraries.oneOf(Arbitraries.integers().between(-2, 40), Arbitraries.integers(),
        Arbitraries.of(0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 16, 1 << 30));
  }

  @Property(tries = 200, seed = "14")
  void anyHeaderGivesImagesOrADataException(@ForAll("magic") int magic, @ForAll("dim") int count,
      @ForAll("dim") int rows, @ForAll("dim") int cols, @ForAll boolean gzip,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4096) int body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      out.writeInt(count);
      out.writeInt(rows);
      out.writeInt(cols);
    }
    byte[] file = Arrays.copyOf(bytes.toByteArray(), 16 + body);
    Arrays.fill(file, 16, file.length, (byte) 7);
    Path path = dir.resolve("images.idx" + (gzip ? ".gz" : ""));
    Files.write(path, gzip ? gzip(file) : file);
    try {
      IdxReader.Images images = new IdxReader(1L << 20).readImages(path);
      assertTrue(magic == IdxReader.IMAGES_MAGIC && images.count() == count && (long) count * rows * cols <= body,
          "accepted a header it should refuse: " + images.count() + "x" + images.rows() + "x" + images.cols());
    } catch (DataException e) {
      assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }
  }

  @Property(tries = 50, seed = "15")
  void anyLabelHeaderGivesLabelsOrADataException(@ForAll("magic") int magic, @ForAll("dim") int count,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 512) int body) throws IOException {
    Path images = dir.resolve("ok.idx");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(4);
      out.writeInt(2);
      out.writeInt(2);
      out.write(new byte[16]);
    }
    Files.write(images, bytes.toByteArray());
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(labels)) {
      out.writeInt(magic);
      out.writeInt(count);
      for (int i = 0; i < body; i++) {
        out.writeByte(i % 3);
      }
    }
    Path path = dir.resolve("labels.idx");
    Files.write(path, labels.toByteArray());
    try {
      new IdxReader(1L << 20).read(images, path, List.of());
    } catch (DataException e) {
      assertTrue(e.getMessage().contains("labels.idx") || e.getMessage().contains("ok.idx"), e.getMessage());
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
