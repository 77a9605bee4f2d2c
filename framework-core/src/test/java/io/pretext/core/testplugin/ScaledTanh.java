package io.pretext.core.testplugin;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * A layer the framework does not know: {@code scale * tanh(x)}, element-wise (LeCun et al. 1998,
 * "Efficient BackProp", use 1.7159 tanh(2x/3); here only the outer scale). Its ONNX writer is
 * {@link ScaledTanhExporter}, registered by {@link TestPlugins}.
 */
public final class ScaledTanh extends AbstractBlock {
  private final float scale;

  /** @param scale the factor applied after tanh, finite and non-zero */
  public ScaledTanh(float scale) {
    if (!Float.isFinite(scale) || scale == 0) {
      throw new IllegalArgumentException("ScaledTanh: the scale must be finite and non-zero, got " + scale);
    }
    this.scale = scale;
  }

  public float scale() {
    return scale;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(ScalarOps.times(inputs.singletonOrThrow().tanh(), scale));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
