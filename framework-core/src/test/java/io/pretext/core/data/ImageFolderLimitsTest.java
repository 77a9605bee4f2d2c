package io.pretext.core.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image folder's limits: pixels declared in a header (checked before decoding) and the data set's size. */
class ImageFolderLimitsTest {
  @TempDir
  Path dir;

  @Test
  void aPngThatDeclaresTwentyThousandSquaredPixelsIsRefusedFromItsHeader() throws Exception {
    Files.write(Files.createDirectories(dir.resolve("flat")).resolve("bomb.png"), pngHeader(20_000, 20_000));
    ImageFolderReader reader = new ImageFolderReader(new ImageFolderReader.Options(8, 8, 1, false, false));
    DataException e = assertThrows(DataException.class, () -> reader.read(dir.resolve("flat")));
    assertTrue(e.getMessage().contains("bomb.png") && e.getMessage().contains("400000000")
        && e.getMessage().contains("above the limit of 89478485 (max-pixels in the data section)")
        && e.getMessage().contains("Raise max-pixels"), e.getMessage());
  }

  @Test
  void fiftyRgbImagesAt4096SquaredAreRefusedBeforeAllocation() throws Exception {
    Path flat = Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 50; i++) {
      Files.write(flat.resolve("img-" + i + ".png"), pngHeader(4, 4));
    }
    ImageFolderReader reader = new ImageFolderReader(new ImageFolderReader.Options(4096, 4096, 3, false, false));
    DataException e = assertThrows(DataException.class, () -> reader.read(flat));
    assertTrue(e.getMessage().contains("50 images of 3x4096x4096 need 2516582400 bytes")
        && e.getMessage().contains("lower height and width"), e.getMessage());
  }

  /** A PNG signature, an IHDR chunk (8-bit gray) and IEND: enough for a reader to give the size. */
  private static byte[] pngHeader(int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, 0, 0, 0, 0});
    chunk(out, "IHDR", ihdr.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return bytes.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }
}
