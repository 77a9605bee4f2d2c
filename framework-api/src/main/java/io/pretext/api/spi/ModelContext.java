package io.pretext.api.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PretextTask#buildModel(ModelContext)} builds the task's model from: the encoder the
 * run trains (and saves), and what it takes to build more of the same architecture, e.g. a target
 * network for BYOL or MoCo ({@link #newEncoder()}).
 *
 * @param encoder the encoder block that is trained and saved, not yet initialized
 * @param featureSize the length of the encoder's feature vector
 * @param head the run's {@code head} plugin when the run names one
 * @param encoderPlugin the run's encoder plugin
 * @param inputShape one encoder input without the batch axis, as the task's batches give it
 * @param manager the model's manager: arrays made here (a queue's first value) live as long as the model
 */
public record ModelContext(Block encoder, long featureSize, Optional<Head> head, Encoder encoderPlugin,
    Shape inputShape, NDManager manager) {

  public ModelContext {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(encoderPlugin, "encoderPlugin");
    Objects.requireNonNull(inputShape, "inputShape");
    Objects.requireNonNull(manager, "manager");
  }

  /**
   * A fresh, uninitialized encoder of the same architecture as {@link #encoder()}: its parameter
   * names match the encoder's, so {@link io.pretext.api.train.MomentumUpdate} can pair them.
   */
  public Block newEncoder() {
    return encoderPlugin.build(inputShape);
  }
}
