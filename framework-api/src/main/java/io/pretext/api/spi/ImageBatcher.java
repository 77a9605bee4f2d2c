package io.pretext.api.spi;

import io.pretext.api.spi.InputBatcher;

import io.pretext.api.data.Image;
import java.util.List;

/** {@link InputBatcher#images()}: stacks images of one size into {@code (N, C, H, W)}. */
final class ImageBatcher implements InputBatcher {
  static final ImageBatcher INSTANCE = new ImageBatcher();

  private ImageBatcher() {}

  @Override
  public HostTensor batch(List<?> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("cannot batch zero samples");
    }
    Image first = image(samples.get(0), 0);
    int c = first.channels();
    int h = first.height();
    int w = first.width();
    int per = c * h * w;
    float[] out = new float[samples.size() * per];
    for (int i = 0; i < samples.size(); i++) {
      Image img = image(samples.get(i), i);
      if (img.channels() != c || img.height() != h || img.width() != w) {
        throw new IllegalArgumentException("sample " + i + " is " + img + ", but the batch holds " + first
            + " images; add a resize step to downstream.preprocess");
      }
      System.arraycopy(img.pixels(), 0, out, i * per, per);
    }
    return HostTensor.ofFloats(out, samples.size(), c, h, w);
  }

  private static Image image(Object sample, int index) {
    if (sample instanceof Image img) {
      return img;
    }
    throw new IllegalArgumentException("the image batcher got a " + sample.getClass().getSimpleName()
        + " at index " + index + "; give the transfer context an input batcher for this sample type");
  }
}
