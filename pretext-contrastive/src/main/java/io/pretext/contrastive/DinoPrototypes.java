package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * The end of DINO's head (Caron et al. 2021, §3.1 and Appendix: "a 3-layer MLP ... followed by ℓ2
 * normalization and a weight normalized fully connected layer with K dimensions"): the bottleneck
 * vector is L2-normalised, then scored against K prototypes by a linear layer without bias. With
 * {@code normalized}, each prototype row is divided by its norm too (weight normalisation with the
 * gain fixed at 1, the paper's {@code norm_last_layer}), so the scores are cosines; otherwise the
 * layer is a plain linear map. Input (B, D), output (B, K).
 */
final class DinoPrototypes extends AbstractBlock {
  private static final byte VERSION = 1;
  private final long prototypes;
  private final boolean normalized;
  private final Parameter weight;

  /**
   * @param prototypes K, >= 1
   * @param normalized whether each prototype is divided by its norm
   */
  DinoPrototypes(long prototypes, boolean normalized) {
    super(VERSION);
    if (prototypes < 1) {
      throw new IllegalArgumentException("DINO needs at least one prototype, got " + prototypes);
    }
    this.prototypes = prototypes;
    this.normalized = normalized;
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDManager scope = x.getManager();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    if (normalized) {
      w = unit(w, scope);
    }
    return new NDList(unit(x, scope).matMul(w.transpose()));
  }

  /**
   * The rows divided by their norms, every array made on the way attached to {@code scope}. An op
   * on the weight alone would otherwise land in the weight's manager, which lives as long as the
   * model: K × D floats a forward pass (256 KB at the config's K = 1024, D = 64) that no step closed.
   */
  private static NDArray unit(NDArray rows, NDManager scope) {
    NDArray norms = rows.norm(new int[] {1}, true);
    norms.attach(scope);
    NDArray unit = rows.div(ScalarOps.atLeast(norms, ViewPairs.EPSILON));
    unit.attach(scope);
    return unit;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), prototypes)};
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(prototypes, inputShapes[0].get(1)));
  }
}
