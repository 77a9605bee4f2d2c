package io.pretext.api.data;

import java.util.List;

/** Views over datasets: subsets and unlabeled views. */
public final class Datasets {
  private Datasets() {}

  /** The same samples without labels. */
  public static <S> Dataset<S> unlabeled(Dataset<S> base) {
    return new Dataset<>() {
      @Override
      public Class<S> sampleType() {
        return base.sampleType();
      }

      @Override
      public int size() {
        return base.size();
      }

      @Override
      public S get(int index) {
        return base.get(index);
      }

      @Override
      public boolean labeled() {
        return false;
      }

      @Override
      public int label(int index) {
        throw new UnsupportedOperationException("this dataset view has no labels");
      }

      @Override
      public List<String> classNames() {
        return List.of();
      }
    };
  }

  /** The samples at the given indices, in that order. */
  public static <S> Dataset<S> subset(Dataset<S> base, int[] indices) {
    int[] idx = indices.clone();
    for (int i : idx) {
      if (i < 0 || i >= base.size()) {
        throw new IndexOutOfBoundsException("index " + i + " outside dataset of " + base.size());
      }
    }
    return new Dataset<>() {
      @Override
      public Class<S> sampleType() {
        return base.sampleType();
      }

      @Override
      public int size() {
        return idx.length;
      }

      @Override
      public S get(int index) {
        return base.get(idx[index]);
      }

      @Override
      public boolean labeled() {
        return base.labeled();
      }

      @Override
      public int label(int index) {
        return base.label(idx[index]);
      }

      @Override
      public List<String> classNames() {
        return base.classNames();
      }
    };
  }
}
