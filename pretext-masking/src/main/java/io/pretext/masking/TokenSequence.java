package io.pretext.masking;

import java.util.Arrays;

/**
 * One encoded sequence on its way to the MLM model: the ids the model reads and, per position, the
 * id it must predict there ({@link #NOT_SELECTED} where no prediction is asked).
 *
 * @param ids the input ids, [CLS] first and [SEP] last
 * @param targets the original ids at selected positions, {@link #NOT_SELECTED} elsewhere; same length
 */
public record TokenSequence(int[] ids, int[] targets) {
  /** The target of a position the loss ignores. */
  public static final int NOT_SELECTED = -1;

  public TokenSequence {
    if (ids.length != targets.length) {
      throw new IllegalArgumentException(ids.length + " ids but " + targets.length + " targets");
    }
  }

  /** A sequence with nothing selected yet. */
  public static TokenSequence unmasked(int[] ids) {
    int[] targets = new int[ids.length];
    Arrays.fill(targets, NOT_SELECTED);
    return new TokenSequence(ids.clone(), targets);
  }

  /** How many positions are selected. */
  public int selected() {
    int n = 0;
    for (int t : targets) {
      if (t != NOT_SELECTED) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenSequence s && Arrays.equals(s.ids, ids) && Arrays.equals(s.targets, targets);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids) * 31 + Arrays.hashCode(targets);
  }

  @Override
  public String toString() {
    return "TokenSequence" + Arrays.toString(ids) + " targets " + Arrays.toString(targets);
  }
}
