package io.pretext.api.text;

import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.InputBatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text samples into one (N, T) batch of token ids: each text encoded by the tokenizer
 * ([CLS] ... [SEP], cut to its max length), padded with [PAD] (0) to the longest in the batch.
 * A text task's {@link io.pretext.api.spi.TransferInput} batcher.
 */
public final class TokenBatcher implements InputBatcher {
  private final Tokenizer tokenizer;

  /** Batches with this tokenizer. */
  public TokenBatcher(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  @Override
  public HostTensor batch(List<?> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("cannot batch zero samples");
    }
    List<int[]> encoded = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      if (!(samples.get(i) instanceof String text)) {
        throw new IllegalArgumentException("the token batcher takes text samples, got a "
            + samples.get(i).getClass().getSimpleName() + " at index " + i);
      }
      encoded.add(tokenizer.encode(text));
    }
    return pad(encoded);
  }

  /** Stacks id sequences into (N, T) with T the longest, padding with [PAD]. */
  public static HostTensor pad(List<int[]> sequences) {
    int t = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
    int[] out = new int[sequences.size() * t];
    for (int i = 0; i < sequences.size(); i++) {
      System.arraycopy(sequences.get(i), 0, out, i * t, sequences.get(i).length);
    }
    return HostTensor.ofInts(out, sequences.size(), t);
  }
}
