import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes N seeded JPEGs (random ellipses and rectangles on a gradient) at 160x120, 320x240 and
 * 640x480 into a folder, flat or in K class subfolders, for the image-folder benchmarks and smoke runs.
 *   java bench/MakeImages.java OUT_DIR N [CLASSES] [SEED]
 */
public final class MakeImages {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int classes = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    SplittableRandom random = new SplittableRandom(args.length > 3 ? Long.parseLong(args[3]) : 0);
    int[][] sizes = {{160, 120}, {320, 240}, {640, 480}};
    for (int i = 0; i < n; i++) {
      int[] s = sizes[random.nextInt(sizes.length)];
      BufferedImage img = new BufferedImage(s[0], s[1], BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setPaint(new java.awt.GradientPaint(0, 0, new Color(random.nextInt(0x1000000)), s[0], s[1],
          new Color(random.nextInt(0x1000000))));
      g.fillRect(0, 0, s[0], s[1]);
      for (int k = 0; k < 6; k++) {
        g.setColor(new Color(random.nextInt(0x1000000)));
        int w = 10 + random.nextInt(s[0] / 2);
        int h = 10 + random.nextInt(s[1] / 2);
        int x = random.nextInt(s[0] - w);
        int y = random.nextInt(s[1] - h);
        if (random.nextBoolean()) {
          g.fillOval(x, y, w, h);
        } else {
          g.fillRect(x, y, w, h);
        }
      }
      g.dispose();
      Path dir = classes > 0 ? out.resolve("class" + (i % classes)) : out;
      Files.createDirectories(dir);
      ImageIO.write(img, "jpg", dir.resolve(String.format("img%07d.jpg", i)).toFile());
    }
  }
}
