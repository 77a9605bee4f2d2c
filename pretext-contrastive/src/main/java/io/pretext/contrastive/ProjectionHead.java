package io.pretext.contrastive;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.pretext.api.spi.Head;
import java.util.List;
import java.util.Optional;

/**
 * SimCLR's projection head g(·), the small MLP between the representation h and the space where
 * NT-Xent is applied (Chen et al. 2020, §2.1: "z = g(h) = W2 σ(W1 h)", σ a ReLU; §4.2 shows that
 * the loss is better applied after it than to h itself). The encoder's h, not g(h), is what
 * downstream tasks use.
 *
 * <p>Layers: for each hidden size, Linear → (BatchNorm when asked) → ReLU; then Linear to the
 * output size, optionally followed by a BatchNorm without learned scale and shift. Input (B,
 * inputSize), output (B, outputs). The Fashion-MNIST protocol's head is Linear(4w, 4w) → ReLU →
 * Linear(4w, 64): the defaults.
 *
 * <p>The same head is the projector (expander) of the other joint-embedding methods: SimSiam's
 * projector has BatchNorm after every layer, the output one without affine parameters (Chen and
 * He 2021, §3 "Baseline settings"); Barlow Twins' and VICReg's have BatchNorm and ReLU after each
 * hidden layer and a plain linear output (Zbontar et al. 2021, §3; Bardes et al. 2022, §4.2).
 */
public final class ProjectionHead implements Head {
  /** The default output size (the protocol's 64). */
  public static final long DEFAULT_OUTPUTS = 64;

  private final Optional<List<Long>> hidden;
  private final long outputs;
  private final boolean batchNorm;
  private final boolean outputBatchNorm;

  /**
   * @param hidden hidden layer sizes; empty for a linear projection; absent for one hidden layer
   *     as wide as the head's input
   * @param outputs the output size used when the task leaves it open, >= 1
   * @param batchNorm whether a BatchNorm follows each hidden linear layer
   * @param outputBatchNorm whether a BatchNorm without learned scale and shift follows the output layer
   * @throws IllegalArgumentException when a size is below 1
   */
  public ProjectionHead(Optional<List<Long>> hidden, long outputs, boolean batchNorm, boolean outputBatchNorm) {
    if (outputs < 1 || hidden.orElse(List.of()).stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("projection head sizes must be >= 1: hidden " + hidden.orElse(List.of())
          + ", outputs " + outputs);
    }
    this.hidden = hidden.map(List::copyOf);
    this.outputs = outputs;
    this.batchNorm = batchNorm;
    this.outputBatchNorm = outputBatchNorm;
  }

  /** As the four-argument constructor, without a BatchNorm after the output layer (SimCLR's head). */
  public ProjectionHead(Optional<List<Long>> hidden, long outputs, boolean batchNorm) {
    this(hidden, outputs, batchNorm, false);
  }

  /** The SimCLR default: one hidden layer as wide as the input, ReLU, 64 outputs, no BatchNorm. */
  public static ProjectionHead simclrDefault() {
    return new ProjectionHead(Optional.empty(), DEFAULT_OUTPUTS, false);
  }

  /** The hidden sizes for a given input size. */
  public List<Long> hiddenSizes(long inputSize) {
    return hidden.orElse(List.of(inputSize));
  }

  /**
   * @param inputSize the encoder's feature size
   * @param outputSize the size the task needs, or 0 to use this head's configured output size
   */
  @Override
  public Block build(long inputSize, long outputSize) {
    SequentialBlock block = new SequentialBlock();
    for (long units : hiddenSizes(inputSize)) {
      block.add(Linear.builder().setUnits(units).build());
      if (batchNorm) {
        block.add(BatchNorm.builder().build());
      }
      block.add(Activation.reluBlock());
    }
    block.add(Linear.builder().setUnits(outputSize > 0 ? outputSize : outputs).build());
    if (outputBatchNorm) {
      block.add(BatchNorm.builder().optCenter(false).optScale(false).build());
    }
    return block;
  }
}
