import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG decode throughput on one core, per ImageIO reader: the JDK's own JPEG reader against
 * TwelveMonkeys' (issue 15). Files are read into memory first, so the figure is decode alone.
 * Each reader decodes every file once per round; the median of ROUNDS rounds is reported, after
 * one warm-up round. Run with TwelveMonkeys' jars (imageio-jpeg, -core, -metadata and
 * common-lang, -io, -image, all 3.14.0) on the class path: bench/decode-throughput.sh does that.
 */
public final class DecodeThroughput {
  public static void main(String[] args) throws Exception {
    List<byte[]> files = new ArrayList<>();
    long pixels = 0;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ImageIO.setUseCache(false);
    List<String> readers = new ArrayList<>();
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
      readers.add(it.next().getClass().getName());
    }
    System.out.printf("%d JPEGs, %.1f MB; readers in ImageIO order: %s%n", files.size(),
        files.stream().mapToLong(b -> b.length).sum() / 1e6, readers);
    for (String readerClass : readers) {
      double[] seconds = new double[rounds];
      for (int r = -1; r < rounds; r++) {
        long start = System.nanoTime();
        pixels = 0;
        for (byte[] bytes : files) {
          BufferedImage img = decode(bytes, readerClass);
          pixels += (long) img.getWidth() * img.getHeight();
        }
        if (r >= 0) {
          seconds[r] = (System.nanoTime() - start) / 1e9;
        }
      }
      Arrays.sort(seconds);
      double median = seconds[rounds / 2];
      System.out.printf("%s: median %.3f s per round: %.0f images/s, %.1f Mpixel/s (rounds %s)%n", readerClass,
          median, files.size() / median, pixels / median / 1e6, Arrays.toString(seconds));
    }
  }

  private static BufferedImage decode(byte[] bytes, String readerClass) throws Exception {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
        ImageReader reader = it.next();
        if (reader.getClass().getName().equals(readerClass)) {
          try {
            reader.setInput(in, true, true);
            return reader.read(0);
          } finally {
            reader.dispose();
          }
        }
      }
    }
    throw new IllegalStateException("no reader " + readerClass);
  }
}
