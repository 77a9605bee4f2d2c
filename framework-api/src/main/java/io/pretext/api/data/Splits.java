package io.pretext.api.data;

import java.util.Optional;
import java.util.Random;

/** Builds {@link DataSplits} from one dataset by holding out a seeded random fraction as the test split. */
public final class Splits {
  private Splits() {}

  /**
   * Holds out {@code round(fraction × size)} samples (chosen by a seeded shuffle) as the test split;
   * a fraction of 0 gives no test split.
   */
  public static <S> DataSplits<S> holdOut(Dataset<S> all, double fraction, long seed) {
    if (fraction < 0 || fraction >= 1) {
      throw new IllegalArgumentException("test fraction must be in [0, 1), got " + fraction);
    }
    int test = (int) Math.round(fraction * all.size());
    if (test == 0) {
      return new DataSplits<>(all, Optional.empty());
    }
    int[] order = new int[all.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] testIdx = java.util.Arrays.copyOfRange(order, 0, test);
    int[] trainIdx = java.util.Arrays.copyOfRange(order, test, order.length);
    java.util.Arrays.sort(testIdx);
    java.util.Arrays.sort(trainIdx);
    return new DataSplits<>(all.subset(trainIdx), Optional.of(all.subset(testIdx)));
  }

  /** The first {@code limit} samples (all when {@code limit} is 0 or not smaller than the size). */
  public static <S> Dataset<S> limit(Dataset<S> data, int limit) {
    if (limit <= 0 || limit >= data.size()) {
      return data;
    }
    if (data instanceof ImageDataset images) {
      @SuppressWarnings("unchecked")
      Dataset<S> head = (Dataset<S>) images.head(limit);
      return head;
    }
    int[] idx = new int[limit];
    for (int i = 0; i < limit; i++) {
      idx[i] = i;
    }
    return data.subset(idx);
  }
}
