package io.pretext.core.data.fetch;

import java.util.List;
import java.util.Objects;

/**
 * Which files of an image data set in IDX format hold which split, and its class names.
 * File names are relative to the data set's folder.
 */
public record IdxLayout(String trainImages, String trainLabels, String testImages, String testLabels,
    List<String> classNames) {

  public IdxLayout {
    Objects.requireNonNull(trainImages, "trainImages");
    Objects.requireNonNull(trainLabels, "trainLabels");
    Objects.requireNonNull(testImages, "testImages");
    Objects.requireNonNull(testLabels, "testLabels");
    classNames = List.copyOf(classNames);
  }
}
