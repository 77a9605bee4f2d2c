package io.pretext.core.inference;

import io.pretext.api.PretextUserException;
import java.util.Locale;

/**
 * Where inference runs, as asked on the command line ({@code --device}): {@code cuda} requires
 * ONNX Runtime's CUDA execution provider and a GPU, {@code cpu} never uses one, {@code auto} takes
 * CUDA when it works and falls back to the CPU with a one-line notice.
 */
public enum InferenceDevice {
  AUTO,
  CPU,
  CUDA;

  /**
   * Parses {@code auto}, {@code cpu} or {@code cuda} (any case).
   *
   * @throws PretextUserException for any other value
   */
  public static InferenceDevice parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PretextUserException("Unknown device '" + text + "'; use auto, cpu or cuda.", e);
    }
  }
}
