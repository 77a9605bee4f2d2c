package io.pretext.core.augment.bench;

import io.pretext.core.augment.ColorJitter;
import io.pretext.core.augment.HorizontalFlip;
import io.pretext.core.augment.Normalize;
import io.pretext.core.augment.RandomResizedCrop;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Micro-benchmark, not a unit test: the SimCLR Fashion-MNIST view pipeline (crop 0.2–1 + flip +
 * brightness/contrast jitter + normalize) on 512 views of 28×28, one thread, copy of the source
 * image included. Prints the median over timed batches, in µs per view, with every step always
 * applied (p = 1) and with the protocol's probabilities (flip 0.5, jitter 0.8).
 *
 * <p>Run after {@code mvn -q -B -o -pl framework-api test-compile}: {@code java -cp
 * framework-api/target/classes:framework-api/target/test-classes
 * io.pretext.core.augment.bench.AugmentBenchmark [batches]}.
 */
public final class AugmentBenchmark {
  private static final int VIEWS = 512;

  private AugmentBenchmark() {}

  public static void main(String[] args) {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Image[] images = new Image[VIEWS / 2];
    SplittableRandom data = new SplittableRandom(0);
    for (int i = 0; i < images.length; i++) {
      float[] p = new float[28 * 28];
      for (int j = 0; j < p.length; j++) {
        p[j] = (float) data.nextDouble();
      }
      images[i] = new Image(1, 28, 28, p);
    }
    for (double[] probs : List.of(new double[] {1, 1}, new double[] {0.5, 0.8})) {
      AugmentPipeline pipeline = new AugmentPipeline(List.of(
          new AugmentPipeline.Step("random-resized-crop", new RandomResizedCrop(28, 28, 0.2, 1.0, 3.0 / 4, 4.0 / 3), 1),
          new AugmentPipeline.Step("horizontal-flip", new HorizontalFlip(), probs[0]),
          new AugmentPipeline.Step("color-jitter", new ColorJitter(0.4, 0.4, 0, 0), probs[1]),
          new AugmentPipeline.Step("normalize", new Normalize(new double[] {0.2860}, new double[] {0.3530}), 1)));
      SplittableRandom random = new SplittableRandom(1);
      double[] perView = new double[batches];
      double sink = 0;
      for (int b = -batches; b < batches; b++) { // the first half warms up the JIT
        long t0 = System.nanoTime();
        for (int v = 0; v < VIEWS; v++) {
          sink += pipeline.apply(images[v / 2].copy(), random).pixels()[v % 784];
        }
        long t = System.nanoTime() - t0;
        if (b >= 0) {
          perView[b] = t / 1e3 / VIEWS;
        }
      }
      Arrays.sort(perView);
      System.out.printf("p(flip)=%.1f p(jitter)=%.1f: median %.2f us/view (%.2f ms per 512 views), min %.2f us/view [%s]%n",
          probs[0], probs[1], perView[batches / 2], perView[batches / 2] * VIEWS / 1e3, perView[0], sink == 42 ? "" : "ok");
    }
  }
}
