package io.pretext.testkit;

import io.pretext.api.data.ImageDataset;
import io.pretext.api.data.TextDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small generated data sets for a plugin's tests, in memory and the same for the same seed.
 *
 * <pre>{@code
 * Dataset<Image> images = TinyData.images(64, 1, 16, 16, 7);   // 4 classes, 16 images each
 * Dataset<String> texts = TinyData.texts(40, 7);               // "negative" / "positive"
 * }</pre>
 */
public final class TinyData {
  /** The classes of {@link #images}: the shape drawn on each image, image {@code i} of class {@code i % 4}. */
  public static final List<String> IMAGE_CLASSES = List.of("horizontal-bar", "vertical-bar", "square", "cross");
  /** The classes of {@link #texts}, text {@code i} of class {@code i % 2}. */
  public static final List<String> TEXT_CLASSES = List.of("negative", "positive");

  private static final String[] SUBJECTS = {"the film", "this book", "the meal", "our trip", "the show", "that song"};
  private static final String[] VERBS = {"was", "felt", "seemed", "is"};
  private static final String[] ADVERBS = {"", "very ", "rather ", "really "};
  private static final String[][] ADJECTIVES = {
      {"bad", "dull", "awful", "boring", "poor"},
      {"good", "great", "wonderful", "fun", "lovely"}};
  private static final String[] TAILS = {"", " today", " to me", " overall", " in the end"};

  private TinyData() {}

  /**
   * Images with values in [0, 1], labeled by the shape drawn on them ({@link #IMAGE_CLASSES}) at a
   * random place over a top-to-bottom shading and a little noise. The shading gives every image an
   * upright orientation, as photographs have one; images of one class differ by place and noise.
   *
   * @param count images, >= 1
   * @param channels channels per image, >= 1 (each a slightly dimmer copy of the first)
   * @param height image height, >= 3
   * @param width image width, >= 3
   * @param seed decides places and noise
   */
  public static ImageDataset images(int count, int channels, int height, int width, long seed) {
    if (count < 1 || channels < 1 || height < 3 || width < 3) {
      throw new IllegalArgumentException("TinyData.images needs count >= 1, channels >= 1 and a size of at least 3x3, got "
          + count + " images of " + channels + "x" + height + "x" + width);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int per = channels * height * width;
    byte[] pixels = new byte[count * per];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % IMAGE_CLASSES.size();
      float[] plane = plane(labels[i], height, width, random);
      for (int c = 0; c < channels; c++) {
        float dim = 1 - 0.15f * c / channels;
        for (int p = 0; p < plane.length; p++) {
          pixels[i * per + c * plane.length + p] = (byte) Math.round(255 * Math.min(1f, Math.max(0f, dim * plane[p])));
        }
      }
    }
    return new ImageDataset(channels, height, width, pixels, labels, IMAGE_CLASSES);
  }

  /** One channel of an image of a class: shading, noise, then the class's shape. */
  private static float[] plane(int label, int height, int width, SplittableRandom random) {
    float[] px = new float[height * width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        px[y * width + x] = (float) (0.6 - 0.5 * y / (height - 1) + random.nextDouble(-0.05, 0.05));
      }
    }
    int side = Math.max(3, Math.min(height, width) / 2);
    int y0 = random.nextInt(height - side + 1);
    int x0 = random.nextInt(width - side + 1);
    int mid = side / 2;
    for (int dy = 0; dy < side; dy++) {
      for (int dx = 0; dx < side; dx++) {
        boolean on = switch (label) {
          case 0 -> dy == mid;
          case 1 -> dx == mid;
          case 2 -> true;
          default -> dy == mid || dx == mid;
        };
        if (on) {
          px[(y0 + dy) * width + x0 + dx] = 0.95f;
        }
      }
    }
    return px;
  }

  /**
   * Short sentences such as "the film was very good today.", labeled by their sentiment
   * ({@link #TEXT_CLASSES}); each class has its own adjectives, the rest of the words are shared.
   *
   * @param count texts, >= 1
   * @param seed decides the words
   */
  public static TextDataset texts(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("TinyData.texts needs count >= 1, got " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<String> texts = new ArrayList<>(count);
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % TEXT_CLASSES.size();
      texts.add(pick(SUBJECTS, random) + " " + pick(VERBS, random) + " " + pick(ADVERBS, random)
          + pick(ADJECTIVES[labels[i]], random) + pick(TAILS, random) + ".");
    }
    return new TextDataset(texts, labels, TEXT_CLASSES);
  }

  private static String pick(String[] words, SplittableRandom random) {
    return words[random.nextInt(words.length)];
  }
}
