package io.pretext.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Text samples (one string each) with optional class labels. */
public final class TextDataset implements Dataset<String> {
  private final List<String> texts;
  private final int[] labels;
  private final List<String> classNames;

  /** An unlabeled text dataset. */
  public TextDataset(List<String> texts) {
    this(texts, null, List.of());
  }

  /**
   * @param labels one class index per text, or null when unlabeled (copied)
   * @param classNames the class names in index order; empty when unlabeled
   */
  public TextDataset(List<String> texts, int[] labels, List<String> classNames) {
    this.texts = List.copyOf(Objects.requireNonNull(texts, "texts"));
    this.classNames = List.copyOf(classNames);
    if (labels != null) {
      if (labels.length != this.texts.size()) {
        throw new IllegalArgumentException(this.texts.size() + " texts but " + labels.length + " labels");
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
          throw new IllegalArgumentException("label " + labels[i] + " of text " + i + " is outside [0, "
              + this.classNames.size() + ")");
        }
      }
    }
    this.labels = labels == null ? null : labels.clone();
  }

  @Override
  public Class<String> sampleType() {
    return String.class;
  }

  @Override
  public int size() {
    return texts.size();
  }

  @Override
  public String get(int index) {
    return texts.get(index);
  }

  /** All texts, in order (unmodifiable). */
  public List<String> texts() {
    return texts;
  }

  @Override
  public boolean labeled() {
    return labels != null;
  }

  @Override
  public int label(int index) {
    if (labels == null) {
      throw new UnsupportedOperationException("this text dataset has no labels");
    }
    Objects.checkIndex(index, labels.length);
    return labels[index];
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** The same texts and labels under other class names (same count), e.g. "0"/"1" → "negative"/"positive". */
  public TextDataset withClassNames(List<String> names) {
    if (names.size() != classNames.size()) {
      throw new IllegalArgumentException("expected " + classNames.size() + " class names, got " + names);
    }
    return new TextDataset(texts, labels, names);
  }

  @Override
  public String toString() {
    return "TextDataset[" + texts.size() + " texts"
        + (labels == null ? ", unlabeled" : ", classes " + classNames) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextDataset t && t.texts.equals(texts) && Arrays.equals(t.labels, labels)
        && t.classNames.equals(classNames);
  }

  @Override
  public int hashCode() {
    return texts.hashCode() * 31 + Arrays.hashCode(labels);
  }
}
