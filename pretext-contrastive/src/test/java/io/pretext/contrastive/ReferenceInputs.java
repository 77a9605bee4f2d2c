package io.pretext.contrastive;

/**
 * The inputs of {@code src/test/python/joint_embedding_reference.py}, the same literals: the
 * expected values in the loss tests are that script's output (PyTorch, float64).
 */
final class ReferenceInputs {
  private ReferenceInputs() {}

  /** (2N, d) = (6, 3) view embeddings, N = 3: rows 0..2 the first views, 3..5 the second. */
  static final double[][] Z = {
      {0.5, -1.2, 0.3}, {1.1, 0.4, -0.7}, {-0.6, 0.9, 1.5}, {0.2, -0.8, 0.9}, {1.4, 0.1, -0.2}, {-1.0, 1.3, 0.6}};

  /** (6, 3) predictions in Z's layout. */
  static final double[][] P = {
      {0.3, 0.7, -0.5}, {-0.4, 1.0, 0.2}, {0.9, -0.3, 0.8}, {1.2, 0.5, 0.1}, {-0.7, -0.2, 1.1}, {0.6, 0.8, -0.9}};

  /** (4, 3) view embeddings, N = 2. */
  static final double[][] Z2 = {{0.4, -0.3, 1.0}, {-0.6, 0.9, 0.2}, {0.1, 0.5, 0.7}, {0.8, -0.2, -0.4}};

  /** DINO student logits (6, 4): three views of N = 2, the two global ones first. */
  static final double[][] STUDENT = {
      {0.2, -0.5, 1.0, 0.3}, {0.7, 0.1, -0.4, 0.0}, {-0.3, 0.8, 0.5, -0.6},
      {0.4, 0.4, -0.2, 0.9}, {1.0, -0.7, 0.3, 0.2}, {-0.1, 0.6, 0.0, -0.8}};

  /** DINO teacher logits (4, 4): the two global views of N = 2. */
  static final double[][] TEACHER = {
      {0.05, -0.02, 0.08, 0.01}, {0.03, 0.06, -0.04, 0.02}, {-0.01, 0.07, 0.02, -0.03}, {0.04, -0.05, 0.01, 0.06}};

  /** DINO centre (1, 4). */
  static final double[][] CENTER = {{0.01, 0.02, -0.01, 0.0}};

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  static double[][] rows(double[][] m, int from, int to) {
    return java.util.Arrays.copyOfRange(m, from, to);
  }
}
