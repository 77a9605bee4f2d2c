package io.pretext.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.PretextUserException;
import io.pretext.api.spi.MaskedTokenPredictor.Candidate;
import io.pretext.api.spi.MaskedTokenPredictor.MaskFill;
import io.pretext.api.text.SpecialTokens;
import io.pretext.api.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts hidden words back: for each {@code [MASK]} of each sentence, the k most probable ordinary
 * tokens (special tokens excluded; probabilities from a softmax over the ordinary tokens), from a
 * trained {@link MaskedLanguageModel} in inference mode.
 */
public final class FillMask {
  private final Block model;
  private final Tokenizer tokenizer;

  /**
   * @param model an initialized MLM model (ids, positions) to logits
   * @param tokenizer the tokenizer it was trained with
   */
  public FillMask(Block model, Tokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /**
   * Fills every [MASK] of every sentence.
   *
   * @throws PretextUserException naming a sentence that has no [MASK] (or loses its masks to truncation)
   */
  public List<MaskFill> fill(List<String> sentences, int k, NDManager manager) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    List<int[]> encoded = new ArrayList<>();
    for (int s = 0; s < sentences.size(); s++) {
      int[] ids = tokenizer.encode(sentences.get(s));
      encoded.add(ids);
      if (Arrays.stream(ids).noneMatch(id -> id == SpecialTokens.MASK)) {
        throw new PretextUserException("Sentence " + (s + 1) + " has no [MASK] to fill: \"" + sentences.get(s)
            + "\". Write [MASK] (upper case, in brackets) where a word is hidden, e.g. \"I [MASK] an instructor.\""
            + (tokenizer.pieces(sentences.get(s)).size() > tokenizer.maxLength() - 2
                ? " (its [MASK] may lie beyond the " + tokenizer.maxLength() + " tokens the model reads)" : ""));
      }
    }
    MaskedPositions masks = MaskedPositions.of(encoded, (n, i) -> encoded.get(n)[i] == SpecialTokens.MASK);
    int m = masks.count();
    List<MaskFill> out = new ArrayList<>(m);
    try (NDManager scope = manager.newSubManager()) {
      NDList inputs = masks.inputs(scope);
      NDArray logits = model.forward(new ParameterStore(scope, false), inputs, false).singletonOrThrow();
      long v = logits.getShape().get(1);
      int ordinary = Math.min(tokenizer.vocabularySize(), (int) v);
      NDArray probabilities = logits.get(":, {}:{}", SpecialTokens.COUNT, ordinary).softmax(-1);
      float[] p = probabilities.toType(DataType.FLOAT32, false).toFloatArray();
      int width = ordinary - SpecialTokens.COUNT;
      int[] maskCount = new int[sentences.size()];
      for (int row = 0; row < m; row++) {
        int owner = masks.rows()[row];
        out.add(new MaskFill(sentences.get(owner), maskCount[owner]++, top(p, row * width, width, k)));
      }
    }
    return out;
  }

  private List<Candidate> top(float[] p, int offset, int width, int k) {
    Integer[] order = new Integer[width];
    for (int i = 0; i < width; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0
        : p[offset + a] != p[offset + b] ? Float.compare(p[offset + b], p[offset + a]) : Integer.compare(a, b));
    List<Candidate> out = new ArrayList<>(Math.min(k, width));
    for (int i = 0; i < Math.min(k, width); i++) {
      out.add(new Candidate(tokenizer.token(order[i] + SpecialTokens.COUNT), p[offset + order[i]]));
    }
    return out;
  }
}
