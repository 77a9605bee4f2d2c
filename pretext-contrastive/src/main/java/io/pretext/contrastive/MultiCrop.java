package io.pretext.contrastive;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * DINO's multi-crop (Caron et al. 2021, §3.1; Caron et al. 2020, SwAV §3.2): per image two global
 * crops covering a large share of it and m local crops covering a small share at a lower
 * resolution. Each crop is a random box (area fraction uniform in the scale range, aspect ratio
 * log-uniform in [3/4, 4/3], 10 tries, else the whole image) resampled bilinearly to its size, then
 * the run's {@code augment} list (flip, colour jitter, normalisation) is applied to it.
 *
 * <p>Without a global crop the global views are the {@code augment} list alone ({@link
 * TwoViewBatch}), as in the two-view methods. Batch inputs: the global views (2N, C, H, W) and,
 * when m > 0, the local crops (m·N, C, h, w), both view-major (row v·N + i is view v of sample
 * i); labels: each global view's other view, as TwoViewBatch.
 *
 * @param global the global crops' side and area range, or empty to leave them to the augment list
 * @param localCount m, the local crops per image, >= 0
 * @param local the local crops' side and area range (used when m > 0)
 */
public record MultiCrop(Optional<Crop> global, int localCount, Crop local) {
  private static final double LOG_RATIO = Math.log(4.0 / 3.0);
  private static final int TRIES = 10;

  /** A square crop of {@code size} pixels covering a fraction in [minScale, maxScale] of the image. */
  public record Crop(int size, double minScale, double maxScale) {
    public Crop {
      if (size < 1 || !(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
        throw new IllegalArgumentException("a crop needs a size >= 1 and 0 < min scale <= max scale <= 1, got "
            + size + " [" + minScale + ", " + maxScale + "]");
      }
    }
  }

  public MultiCrop {
    if (localCount < 0 || localCount > 0 && (global.isEmpty() || local.size() > global.get().size())) {
      throw new IllegalArgumentException("local crops need a global crop at least as large, got " + localCount
          + " local crops of " + local.size() + " and global crops " + global.map(c -> "of " + c.size()).orElse("unset"));
    }
  }

  /** The batch of N images: global views, local crops when m > 0. */
  public TrainingBatch prepare(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    int n = samples.size();
    if (global.isEmpty()) {
      return TwoViewBatch.prepare("DINO", samples, augment, random);
    }
    Crop g = global.get();
    int channels = ((Image) samples.get(0)).channels();
    float[] globals = new float[2 * n * channels * g.size() * g.size()];
    float[] locals = new float[localCount * n * channels * local.size() * local.size()];
    for (int i = 0; i < n; i++) {
      Image sample = (Image) samples.get(i);
      for (int v = 0; v < 2; v++) {
        put(view(sample, g, augment, random, "global"), globals, v * n + i);
      }
      for (int v = 0; v < localCount; v++) {
        put(view(sample, local, augment, random, "local"), locals, v * n + i);
      }
    }
    List<HostTensor> inputs = new ArrayList<>(List.of(HostTensor.ofFloats(globals, 2L * n, channels, g.size(), g.size())));
    if (localCount > 0) {
      inputs.add(HostTensor.ofFloats(locals, (long) localCount * n, channels, local.size(), local.size()));
    }
    return new TrainingBatch(inputs, List.of(HostTensor.ofInts(ViewPairs.positives(2 * n), 2L * n)), n);
  }

  private static void put(Image view, float[] into, int row) {
    System.arraycopy(view.pixels(), 0, into, row * view.pixels().length, view.pixels().length);
  }

  private static Image view(Image sample, Crop crop, AugmentPipeline augment, RandomGenerator random, String kind) {
    Image out = augment.apply(resampled(sample, crop, random), random);
    if (out.height() != crop.size() || out.width() != crop.size() || out.channels() != sample.channels()) {
      throw new PretextUserException("DINO cuts its " + kind + " crops at " + crop.size() + "x" + crop.size()
          + " (pretext." + kind + "-crops.size), but the augment list turned one into " + out.channels() + "x"
          + out.height() + "x" + out.width() + ". With pretext.global-crops set, leave cropping and resizing to"
          + " DINO: remove random-resized-crop and resize from the augment list.");
    }
    return out;
  }

  /** No crop of the task's own: both views from the augment list, no local crops. */
  public static MultiCrop none() {
    return new MultiCrop(Optional.empty(), 0, new Crop(1, 1, 1));
  }

  /** A random box of the crop's area range and an aspect ratio in [3/4, 4/3], sampled bilinearly. */
  static Image resampled(Image image, Crop crop, RandomGenerator random) {
    int h = image.height();
    int w = image.width();
    double boxH = h;
    double boxW = w;
    double top = 0;
    double left = 0;
    for (int t = 0; t < TRIES; t++) {
      double area = h * w * (crop.minScale() + (crop.maxScale() - crop.minScale()) * random.nextDouble());
      double ratio = Math.exp(LOG_RATIO * (2 * random.nextDouble() - 1));
      double bw = Math.sqrt(area * ratio);
      double bh = Math.sqrt(area / ratio);
      if (bw <= w && bh <= h) {
        boxH = bh;
        boxW = bw;
        top = random.nextDouble() * (h - bh);
        left = random.nextDouble() * (w - bw);
        break;
      }
    }
    int s = crop.size();
    float[] src = image.pixels();
    float[] dst = new float[image.channels() * s * s];
    for (int y = 0; y < s; y++) {
      double fy = clamp(top + (y + 0.5) * boxH / s - 0.5, h - 1);
      int y0 = (int) fy;
      int y1 = Math.min(y0 + 1, h - 1);
      float wy = (float) (fy - y0);
      for (int x = 0; x < s; x++) {
        double fx = clamp(left + (x + 0.5) * boxW / s - 0.5, w - 1);
        int x0 = (int) fx;
        int x1 = Math.min(x0 + 1, w - 1);
        float wx = (float) (fx - x0);
        for (int c = 0; c < image.channels(); c++) {
          int base = c * h * w;
          float a = src[base + y0 * w + x0] + (src[base + y0 * w + x1] - src[base + y0 * w + x0]) * wx;
          float b = src[base + y1 * w + x0] + (src[base + y1 * w + x1] - src[base + y1 * w + x0]) * wx;
          dst[(c * s + y) * s + x] = a + (b - a) * wy;
        }
      }
    }
    return new Image(image.channels(), s, s, dst);
  }

  private static double clamp(double v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
