package io.pretext.testkit;

import io.pretext.api.spi.Encoder;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.nn.encoders.ResNetMini;
import java.util.List;

/**
 * Small built-in encoders for a plugin's tests, the ones a run file names {@code mlp} and {@code
 * resnet-mini}; every layer of both can be exported to ONNX.
 */
public final class TinyEncoders {
  private TinyEncoders() {}

  /** Flatten, one hidden ReLU layer, a linear layer to {@code features}: any input shape. */
  public static Encoder mlp(long hidden, long features) {
    return new MlpEncoder(List.of(hidden), features);
  }

  /** ResNet-mini of stem width {@code width} (4 × width features), for images of at least 5x5. */
  public static Encoder resnetMini(int width) {
    return new ResNetMini(width);
  }
}
