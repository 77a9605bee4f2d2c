package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.nn.layers.Layers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwoViewModelTest {
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** A child block by its name (DJL prefixes child names with their position, e.g. "02projector"). */
  static Block child(Block model, String name) {
    return model.getChildren().stream().filter(p -> p.getKey().endsWith(name)).findFirst().orElseThrow().getValue();
  }

  @Test
  void eachViewIsNormalisedOnItsOwn() {
    // Encoder: flatten; projector: a BatchNorm without affine parameters. View 2 is view 1 shifted by 5, so a
    // BatchNorm over the mixed 2N rows would leave each half's mean at -+1 (of the mixed std); per view, 0.
    TwoViewModel model = new TwoViewModel(Blocks.batchFlattenBlock(),
        BatchNorm.builder().optCenter(false).optScale(false).build(), Optional.empty());
    float[] x = {0, 1, 1, 3, 2, 2, 5, 6, 6, 8, 7, 7}; // (2N, 1, 1, 2) with N = 3
    NDArray input = manager.create(x, new Shape(6, 1, 1, 2));
    model.initialize(manager, DataType.FLOAT32, input.getShape());
    NDList out = model.forward(new ParameterStore(manager, false), new NDList(input), true);
    assertEquals(1, out.size());
    NDArray z = out.head();
    assertEquals(new Shape(6, 2), z.getShape());
    NDList views = z.split(2, 0);
    for (int v = 0; v < 2; v++) {
      float[] means = views.get(v).mean(new int[] {0}).toFloatArray();
      assertEquals(0f, means[0], 1e-5f, "view " + v);
      assertEquals(0f, means[1], 1e-5f, "view " + v);
    }
    // Both views normalise to the same values, since one is a shift of the other.
    assertEquals(views.get(0).sub(views.get(1)).abs().max().getFloat(), 0f, 1e-5f);
  }

  @Test
  void withAPredictorTheOutputIsZThenP() {
    Shape input = new Shape(8, 1, 4, 4);
    Block encoder = new MlpEncoder(List.of(16L), 12).build(new Shape(1, 4, 4));
    TwoViewModel model = new TwoViewModel(encoder, Layers.linear(6, true), Optional.of(Layers.linear(6, true)));
    model.initialize(manager, DataType.FLOAT32, input);
    Shape[] shapes = model.getOutputShapes(new Shape[] {input});
    assertEquals(2, shapes.length);
    assertEquals(new Shape(8, 6), shapes[0]);
    assertEquals(new Shape(8, 6), shapes[1]);
    NDList out = model.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, input)), true);
    assertEquals(2, out.size());
    assertEquals(new Shape(8, 6), out.get(1).getShape());
  }

  @Test
  void rejectsAnOddNumberOfRows() {
    TwoViewModel model = new TwoViewModel(Blocks.batchFlattenBlock(), Layers.linear(2, true), Optional.empty());
    NDArray input = manager.ones(new Shape(3, 1, 1, 2));
    model.initialize(manager, DataType.FLOAT32, input.getShape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.forward(new ParameterStore(manager, false), new NDList(input), true));
    assertTrue(e.getMessage().contains("2N rows"), e.getMessage());
  }
}
