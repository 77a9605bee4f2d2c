package io.pretext.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * The MLM network: the text encoder, then the token head on the token states at the asked
 * positions only. Inputs: ids (N, T) and positions (M,), flat indices {@code n * T + t}; output:
 * logits (M, V). Computing logits only where a prediction is asked (about 15% of the tokens)
 * saves most of the head's cost.
 */
public final class MaskedLanguageModel extends AbstractBlock {
  private final Block encoder;
  private final Block head;

  /**
   * @param encoder a text encoder whose output 1 is the token states (N, T, D)
   * @param head maps (M, D) to (M, V)
   */
  public MaskedLanguageModel(Block encoder, Block head) {
    this.encoder = addChildBlock("encoder", encoder);
    this.head = addChildBlock("head", head);
  }

  public Block encoder() {
    return encoder;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    requireInputs(inputs.getShapes());
    NDArray ids = inputs.get(0);
    NDArray positions = inputs.get(1).toType(DataType.INT64, false);
    NDArray states = encoder.forward(ps, new NDList(ids), training, params).get(1);
    long d = states.getShape().get(2);
    NDArray picked = states.reshape(-1, d).get(positions);
    return head.forward(ps, new NDList(picked), training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireInputs(inputShapes);
    Shape states = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[1];
    return head.getOutputShapes(new Shape[] {new Shape(inputShapes[1].get(0), states.get(2))});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    requireInputs(inputShapes);
    encoder.initialize(manager, dataType, inputShapes[0]);
    Shape states = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[1];
    head.initialize(manager, dataType, new Shape(inputShapes[1].get(0), states.get(2)));
  }

  private static void requireInputs(Shape[] shapes) {
    if (shapes.length != 2 || shapes[0].dimension() != 2 || shapes[1].dimension() != 1) {
      throw new IllegalArgumentException("the MLM model takes ids (N, T) and positions (M,), got "
          + Arrays.toString(shapes));
    }
  }
}
