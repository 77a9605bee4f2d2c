package io.pretext.downstream;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.pretext.api.spi.Encoder;

/** A test encoder with BatchNorm: flatten, linear, batch norm, ReLU. */
final class BnEncoder implements Encoder {
  @Override
  public Block build(Shape inputShape) {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(16).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  @Override
  public long featureSize(Shape inputShape) {
    return 16;
  }
}
