package io.pretext.masking;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.text.TokenBatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a {@link MaskedLanguageModel}: token ids padded to (N, T) and the flat indices
 * {@code n * T + i} of the chosen positions, in sequence order, with the sequence each came from.
 * Shared by training batches, held-out evaluation and fill-mask.
 *
 * @param ids the padded ids (N, T)
 * @param flat the chosen positions, flat (M,)
 * @param rows the sequence of each chosen position (M,)
 */
record MaskedPositions(HostTensor ids, int[] flat, int[] rows) {

  /** Whether position {@code i} of sequence {@code n} is chosen. */
  interface Chooser {
    boolean chosen(int n, int i);
  }

  static MaskedPositions of(List<int[]> sequences, Chooser chooser) {
    HostTensor ids = TokenBatcher.pad(sequences);
    int t = (int) ids.shape().get(1);
    List<Integer> flat = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int n = 0; n < sequences.size(); n++) {
      for (int i = 0; i < sequences.get(n).length; i++) {
        if (chooser.chosen(n, i)) {
          flat.add(n * t + i);
          rows.add(n);
        }
      }
    }
    return new MaskedPositions(ids, flat.stream().mapToInt(Integer::intValue).toArray(),
        rows.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The chosen positions of {@link TokenSequence#targets() selected} tokens. */
  static MaskedPositions selected(List<TokenSequence> sequences) {
    return of(sequences.stream().map(TokenSequence::ids).toList(),
        (n, i) -> sequences.get(n).targets()[i] != TokenSequence.NOT_SELECTED);
  }

  /** The number of chosen positions. */
  int count() {
    return flat.length;
  }

  /** The position {@code i} within its sequence of the k-th chosen position. */
  int column(int k) {
    return flat[k] - rows[k] * (int) ids.shape().get(1);
  }

  /** The positions as a host tensor (M,). */
  HostTensor positions() {
    return HostTensor.ofInts(flat, flat.length);
  }

  /** The model's inputs: ids and positions. */
  NDList inputs(NDManager manager) {
    return new NDList(ids.toNDArray(manager), positions().toNDArray(manager));
  }
}
