package io.pretext.runner.onnx;

import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.core.augment.Resize;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Images of a streaming data set fitted to a model's input: each {@link #get} decodes one file (on
 * the caller's thread) and resizes it bilinearly to the model's height × width, as the training
 * side's fit step does. Channels are converted by the decoder. Nothing is held between calls.
 */
final class FittedImages implements Dataset<Image> {
  private static final RandomGenerator NO_RANDOM = new SplittableRandom(0); // a resize draws nothing

  private final Dataset<Image> source;
  private final Resize fit;

  FittedImages(Dataset<Image> source, int height, int width) {
    this.source = source;
    this.fit = Resize.to(height, width);
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public int size() {
    return source.size();
  }

  @Override
  public Image get(int index) {
    return fit.apply(source.get(index), NO_RANDOM);
  }

  @Override
  public boolean labeled() {
    return source.labeled();
  }

  @Override
  public int label(int index) {
    return source.label(index);
  }

  @Override
  public List<String> classNames() {
    return source.classNames();
  }

  @Override
  public String toString() {
    return "FittedImages[" + source + "]";
  }
}
