package io.pretext.api.data;

/**
 * A data set that can skip images that do not decode ({@code skip-bad-images}) and says how many
 * it skipped, so that a run can report them. Optional: a data set that never skips does not
 * implement it.
 */
public interface SkipsBadImages {

  /** How many distinct images were skipped so far, because they did not decode or could not be read. */
  long skippedImages();

  /** The count of a data set that skips, 0 for one that does not. */
  static long of(Dataset<?> data) {
    return data instanceof SkipsBadImages s ? s.skippedImages() : 0;
  }
}
