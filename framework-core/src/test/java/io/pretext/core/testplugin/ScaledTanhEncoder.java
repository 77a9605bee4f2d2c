package io.pretext.core.testplugin;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.spi.Encoder;

/**
 * A plugin's encoder with a layer of its own: flatten, linear, {@link ScaledTanh}, linear to the
 * features; with {@code writable} false the activation is {@link UnwrittenSoftsign}, which has no
 * ONNX writer.
 */
public final class ScaledTanhEncoder implements Encoder {
  private final long hidden;
  private final long features;
  private final boolean writable;

  public ScaledTanhEncoder(long hidden, long features, boolean writable) {
    this.hidden = hidden;
    this.features = features;
    this.writable = writable;
  }

  @Override
  public Block build(Shape inputShape) {
    return new SequentialBlock().addAll(new Flatten(), Layers.linear(hidden, true),
        writable ? new ScaledTanh(1.7159f) : new UnwrittenSoftsign(), Layers.linear(features, true));
  }

  @Override
  public long featureSize(Shape inputShape) {
    return features;
  }
}
