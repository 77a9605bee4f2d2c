package io.pretext.core.data.fetch;

import io.pretext.api.data.ImageSize;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Which files of an image data set in IDX format hold which split, its class names, and the size of
 * its images when the catalog knows it (so runs can be checked before the files are read).
 * File names are relative to the data set's folder.
 */
public record IdxLayout(String trainImages, String trainLabels, String testImages, String testLabels,
    List<String> classNames, Optional<ImageSize> imageSize) {

  /** A layout whose image size is not known before reading. */
  public IdxLayout(String trainImages, String trainLabels, String testImages, String testLabels, List<String> classNames) {
    this(trainImages, trainLabels, testImages, testLabels, classNames, Optional.empty());
  }

  public IdxLayout {
    Objects.requireNonNull(trainImages, "trainImages");
    Objects.requireNonNull(trainLabels, "trainLabels");
    Objects.requireNonNull(testImages, "testImages");
    Objects.requireNonNull(testLabels, "testLabels");
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(imageSize, "imageSize");
  }
}
