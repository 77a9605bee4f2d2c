package io.pretext.api.spi;


import java.util.List;

/**
 * Turns preprocessed samples into one encoder input tensor with a leading batch axis. Images stack
 * their C×H×W floats ({@link #images()}); a text encoder provides its own (token ids, padding).
 */
@FunctionalInterface
public interface InputBatcher {

  /** One batch of encoder input, {@code (samples.size(), ...)}. */
  HostTensor batch(List<?> samples);

  /** Stacks {@link io.pretext.api.data.Image} samples of one size into {@code (N, C, H, W)} floats. */
  static InputBatcher images() {
    return ImageBatcher.INSTANCE;
  }
}
