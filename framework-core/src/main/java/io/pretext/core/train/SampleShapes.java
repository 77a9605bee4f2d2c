package io.pretext.core.train;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.data.Image;

/** The shape of one dataset sample, handed to {@link io.pretext.api.spi.PretextTask#encoderInputShape}. */
public final class SampleShapes {
  private SampleShapes() {}

  /** (C, H, W) for an image; an empty shape for sample types whose shape the task decides (text). */
  public static Shape of(Object sample) {
    if (sample instanceof Image image) {
      return new Shape(image.channels(), image.height(), image.width());
    }
    return new Shape();
  }
}
