package io.pretext.contrastive;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Makes the training batch of the two-view methods (SimCLR, SimSiam, Barlow Twins, VICReg) from N
 * images: two views of each, drawn by applying the run's augmentation pipeline twice with
 * independent randomness (Chen et al. 2020, §2.1: "two correlated views ... t ~ T and t' ~ T").
 *
 * <p>Inputs: one tensor (2N, C, H, W), rows {@code i} and {@code i + N} the first and second view
 * of sample {@code i}. Labels: one int tensor (2N) holding each view's positive, {@code (k + N) mod
 * 2N}; the loss does not need them (the layout is the target), they document the pairing.
 */
final class TwoViewBatch {
  private TwoViewBatch() {}

  /**
   * @param method the method's name for messages, e.g. "SimCLR"
   * @param samples images, fresh copies that may be modified
   * @param augment the run's pipeline; augmenters may work in place, so the second view is drawn
   *     from a copy made before the first
   * @param random the batch's generator; views are drawn in the order sample 0 first view, sample 0
   *     second view, sample 1 first view, ...
   * @throws PretextUserException when the views do not all have one shape, naming the pipeline
   */
  static TrainingBatch prepare(String method, List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    int n = samples.size();
    if (n == 0) {
      throw new IllegalArgumentException(method + " needs at least one sample per batch");
    }
    float[] values = null;
    Image reference = null;
    int size = 0;
    for (int i = 0; i < n; i++) {
      Image sample = (Image) samples.get(i);
      Image untouched = sample.copy();
      Image[] views = {augment.apply(sample, random), augment.apply(untouched, random)};
      for (int v = 0; v < 2; v++) {
        Image view = views[v];
        if (reference == null) {
          reference = view;
          size = view.pixels().length;
          values = new float[2 * n * size];
        } else if (!sameShape(reference, view)) {
          throw mismatch(method, augment, reference, view, i, v);
        }
        System.arraycopy(view.pixels(), 0, values, (v * n + i) * size, size);
      }
    }
    HostTensor inputs = HostTensor.ofFloats(values, 2L * n, reference.channels(), reference.height(), reference.width());
    HostTensor positives = HostTensor.ofInts(ViewPairs.positives(2 * n), 2L * n);
    return new TrainingBatch(List.of(inputs), List.of(positives), n);
  }

  private static boolean sameShape(Image a, Image b) {
    return a.channels() == b.channels() && a.height() == b.height() && a.width() == b.width();
  }

  private static PretextUserException mismatch(String method, AugmentPipeline augment, Image reference, Image view,
      int sample, int v) {
    String pipeline = augment.steps().isEmpty() ? "is empty"
        : augment.steps().stream().map(s -> s.name() + (s.probability() < 1 ? " (p " + s.probability() + ")" : ""))
            .collect(Collectors.joining(", ", "[", "]"));
    return new PretextUserException(method + " stacks every view of a batch into one tensor, so all views need one shape,"
        + " but the " + (v == 0 ? "first" : "second") + " view of sample " + sample + " in the batch is " + dims(view)
        + " while the first view of sample 0 is " + dims(reference) + ". The augment list " + pipeline
        + " does not bring every view to one size: end it with a 'resize', or a 'random-resized-crop' with height and"
        + " width and p 1, or use images of one size.");
  }

  private static String dims(Image image) {
    return image.channels() + "x" + image.height() + "x" + image.width();
  }
}
