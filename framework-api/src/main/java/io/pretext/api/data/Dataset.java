package io.pretext.api.data;

import java.util.List;

/**
 * An indexed, read-only collection of samples of one type, with optional class labels.
 *
 * <p>Implementations are immutable and safe to read from several threads: the training loop
 * prepares batches on background threads.
 *
 * @param <S> the sample type, e.g. {@link Image} or {@link String}
 */
public interface Dataset<S> {

  /** The sample type, used to check that a pretext task and a data source fit together. */
  Class<S> sampleType();

  int size();

  /** The sample at an index; a fresh object the caller may modify. */
  S get(int index);

  /** Whether {@link #label(int)} is defined. */
  boolean labeled();

  /** The class index of a sample, in {@code [0, classNames().size())}. */
  int label(int index);

  /** The class names, in class-index order; empty when unlabeled. */
  List<String> classNames();

  /** The same samples seen as unlabeled. */
  default Dataset<S> unlabeled() {
    return Datasets.unlabeled(this);
  }

  /** The samples at the given indices, in that order (a view). */
  default Dataset<S> subset(int[] indices) {
    return Datasets.subset(this, indices);
  }
}
