package io.pretext.core.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory stays flat: a 64 MB heap reads a folder whose decoded images need several times that. */
@Tag("slow")
class ImageFolderMemoryTest {
  private static final int IMAGES = 100;
  private static final int W = 640;
  private static final int H = 480;
  private static final long HEAP_MB = 64;

  @TempDir Path dir;

  @Test
  void aSmallHeapReadsMoreImagesThanFitDecoded() throws Exception {
    for (int i = 0; i < IMAGES; i++) {
      ImageFixtures.write(dir.resolve(String.format("img%03d.jpg", i)), ImageFixtures.jpeg(ImageFixtures.gradient(W, H, i)));
    }
    long decodedMb = (long) IMAGES * 3 * W * H * Float.BYTES >> 20;
    assertTrue(decodedMb > 4 * HEAP_MB, "fixture must not fit decoded: " + decodedMb + " MB");

    Process p = new ProcessBuilder(java(), "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
        MemoryProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe finished");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("ok " + IMAGES), out);
  }

  private static String java() throws IOException {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

}
