package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A residual connection {@code main(x) + shortcut(x)}, with the identity as the shortcut when
 * none is given (He et al. 2016, "Deep Residual Learning for Image Recognition").
 *
 * <p>The block is the addition only: an activation after the add (ResNet's post-activation ReLU)
 * is a separate {@link Relu} that follows it, so the exporter writes one ONNX Add per residual.
 * Both branches must produce the same shape.
 */
public final class Residual extends AbstractBlock {
  private final Block main;
  private final Block shortcut;

  /** A residual with the identity shortcut: {@code main(x) + x}. */
  public Residual(Block main) {
    this(main, null);
  }

  /**
   * @param main the residual branch
   * @param shortcut the projection applied to the input before the add; null for the identity
   */
  public Residual(Block main, Block shortcut) {
    this.main = addChildBlock("main", Objects.requireNonNull(main, "main branch"));
    this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
  }

  /** The residual branch. */
  public Block getMain() {
    return main;
  }

  /** The shortcut branch; empty for the identity. */
  public Optional<Block> getShortcut() {
    return Optional.ofNullable(shortcut);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList residual = main.forward(parameterStore, inputs, training, params);
    NDList skip = shortcut == null ? inputs : shortcut.forward(parameterStore, inputs, training, params);
    return new NDList(residual.singletonOrThrow().add(skip.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] out = main.getOutputShapes(inputShapes);
    Shape[] skip = shortcut == null ? inputShapes : shortcut.getOutputShapes(inputShapes);
    if (out.length != 1 || skip.length != 1 || !out[0].equals(skip[0])) {
      throw new IllegalArgumentException("Residual branches disagree: main gives " + Arrays.toString(out)
          + ", shortcut gives " + Arrays.toString(skip) + " for input " + Arrays.toString(inputShapes)
          + (shortcut == null ? "; give a projection shortcut when the main branch changes the shape" : ""));
    }
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    getOutputShapes(inputShapes);
    main.initialize(manager, dataType, inputShapes);
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputShapes);
    }
  }
}
