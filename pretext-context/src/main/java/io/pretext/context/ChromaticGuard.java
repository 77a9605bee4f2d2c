package io.pretext.context;

import io.pretext.api.data.Image;
import java.util.random.RandomGenerator;

/**
 * Keeps the network from solving context prediction through chromatic aberration, the lens'
 * colour fringes that reveal where a patch sits in the frame (Doersch, Gupta, Efros 2015, §3:
 * "projection" towards grey and "color dropping"). Applied to each patch independently; patches
 * with other than 3 channels are left as they are.
 *
 * @param grayProbability the probability that a patch's channels are all replaced by their mean
 * @param dropProbability the probability that two random channels of a patch are replaced by
 *     Gaussian noise of standard deviation 1/100 of the kept channel's
 */
public record ChromaticGuard(double grayProbability, double dropProbability) {
  /** The guard that changes nothing. */
  public static final ChromaticGuard NONE = new ChromaticGuard(0, 0);

  public ChromaticGuard {
    if (!(grayProbability >= 0 && grayProbability <= 1) || !(dropProbability >= 0 && dropProbability <= 1)) {
      throw new IllegalArgumentException("chromatic guard probabilities must be in [0, 1], got gray "
          + grayProbability + ", drop " + dropProbability);
    }
  }

  /** Modifies the patch in place; draws from the generator only for RGB patches with a probability > 0. */
  public void apply(Image patch, RandomGenerator random) {
    if (patch.channels() != 3) {
      return;
    }
    if (grayProbability > 0 && random.nextDouble() < grayProbability) {
      toGray(patch);
    } else if (dropProbability > 0 && random.nextDouble() < dropProbability) {
      dropColours(patch, random.nextInt(3), random);
    }
  }

  private static void toGray(Image patch) {
    float[] px = patch.pixels();
    int plane = patch.height() * patch.width();
    for (int i = 0; i < plane; i++) {
      float mean = (px[i] + px[plane + i] + px[2 * plane + i]) / 3;
      px[i] = mean;
      px[plane + i] = mean;
      px[2 * plane + i] = mean;
    }
  }

  private static void dropColours(Image patch, int kept, RandomGenerator random) {
    float[] px = patch.pixels();
    int plane = patch.height() * patch.width();
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < plane; i++) {
      double v = px[kept * plane + i];
      sum += v;
      squares += v * v;
    }
    double mean = sum / plane;
    double std = Math.sqrt(Math.max(0, squares / plane - mean * mean)) / 100;
    for (int c = 0; c < 3; c++) {
      if (c != kept) {
        for (int i = 0; i < plane; i++) {
          px[c * plane + i] = (float) (random.nextGaussian() * std);
        }
      }
    }
  }
}
