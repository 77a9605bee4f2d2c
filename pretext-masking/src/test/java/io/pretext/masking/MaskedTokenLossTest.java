package io.pretext.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaskedTokenLossTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private float loss(NDArray logits, int[] targets) {
    return new MaskedTokenLoss().evaluate(new NDList(manager.create(targets)), new NDList(logits)).getFloat();
  }

  @Test
  void unselectedRowsDoNotChangeTheLoss() {
    NDArray logits = manager.randomNormal(new Shape(4, 7));
    int[] targets = {3, -1, 6, -1};
    float before = loss(logits, targets);
    NDArray changed = logits.duplicate();
    changed.set(new NDIndex("1, :"), manager.randomNormal(0, 50, new Shape(7), ai.djl.ndarray.types.DataType.FLOAT32));
    changed.set(new NDIndex("3, :"), 1000f);
    assertEquals(before, loss(changed, targets), 1e-6f);
    // and a selected row does
    changed.set(new NDIndex("0, 3"), 30f);
    assertEquals(true, Math.abs(before - loss(changed, targets)) > 1e-3);
  }

  @Test
  void theLossIsTheMeanCrossEntropyOfTheSelectedRows() {
    NDArray logits = manager.create(new float[] {0, 0, 0, 0, 2, 0, 0, 0, 5, 5, 5, 5}, new Shape(3, 4));
    float expected = (float) ((Math.log(4) + (Math.log(Math.exp(2) + 3) - 2)) / 2);
    assertEquals(expected, loss(logits, new int[] {1, 0, -1}), 1e-5f);
    assertEquals(0f, loss(logits, new int[] {-1, -1, -1}), 0f);
  }
}
