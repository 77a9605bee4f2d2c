package io.pretext.core.testplugin;

import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import java.util.List;

/** An in-memory, unlabeled image dataset; subclasses draw the images in their constructor. */
public abstract class UnlabeledImages implements Dataset<Image> {
  protected final Image[] images;

  protected UnlabeledImages(int count) {
    images = new Image[count];
  }

  @Override
  public final Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public final int size() {
    return images.length;
  }

  @Override
  public final Image get(int index) {
    return images[index].copy();
  }

  @Override
  public final boolean labeled() {
    return false;
  }

  @Override
  public final int label(int index) {
    throw new UnsupportedOperationException("unlabeled");
  }

  @Override
  public final List<String> classNames() {
    return List.of();
  }
}
