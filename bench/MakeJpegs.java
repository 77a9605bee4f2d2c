import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes N seeded JPEGs into CLASSES class subfolders, at sizes 160x120, 320x240 and 640x480 in turn
 * (shapes and a gradient, so they compress like photos more than flat colour does).
 *
 *   java bench/MakeJpegs.java OUT N [CLASSES]
 */
public final class MakeJpegs {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int classes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int[][] sizes = {{160, 120}, {320, 240}, {640, 480}};
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < n; i++) {
      int[] size = sizes[i % sizes.length];
      BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setPaint(new java.awt.GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), size[0], size[1],
          new Color(random.nextInt(0xFFFFFF))));
      g.fillRect(0, 0, size[0], size[1]);
      for (int k = 0; k < 12; k++) {
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillOval(random.nextInt(size[0]), random.nextInt(size[1]), 10 + random.nextInt(size[0] / 3),
            10 + random.nextInt(size[1] / 3));
      }
      g.dispose();
      Path dir = Files.createDirectories(out.resolve("class-" + (i % classes)));
      ImageIO.write(img, "jpg", dir.resolve(String.format("img-%07d.jpg", i)).toFile());
    }
  }
}
