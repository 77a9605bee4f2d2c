package io.pretext.core.onnx;

import ai.djl.nn.Block;
import io.pretext.api.onnx.OnnxExportException;
import io.pretext.api.nn.layers.TokenEmbedding;

/** The range of valid token ids of a model: [0, the smallest vocabulary among its token embeddings). */
final class TokenIds {
  private TokenIds() {}

  /** The exclusive upper bound of ids every token embedding of the tree accepts. */
  static long bound(Block root) {
    long bound = smallest(root);
    if (bound == Long.MAX_VALUE) {
      throw new OnnxExportException("an INT64 (token id) input needs a model with a TokenEmbedding, to know which "
          + "ids are valid; " + root.getClass().getName() + " has none");
    }
    if (bound < 2) {
      throw new OnnxExportException("the model's vocabulary has only [PAD]; nothing to verify");
    }
    return bound;
  }

  private static long smallest(Block block) {
    long bound = block instanceof TokenEmbedding t ? t.getVocabularySize() : Long.MAX_VALUE;
    for (Block child : block.getChildren().values()) {
      bound = Math.min(bound, smallest(child));
    }
    return bound;
  }
}
