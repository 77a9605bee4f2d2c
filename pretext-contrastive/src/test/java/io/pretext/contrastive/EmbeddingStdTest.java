package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingStdTest {
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private double std(double[][] z) {
    return new EmbeddingStd().evaluate(new NDList(), new NDList(DjlTests.matrix(manager, z))).getFloat();
  }

  @Test
  void aCollapsedBatchGivesZero() {
    assertEquals(0.0, std(new double[][] {{1, 2}, {2, 4}, {0.5, 1}}), 1e-6); // one direction, three norms
  }

  @Test
  void twoOrthogonalRowsByHand() {
    // Unit rows (1, 0), (0, 1): each column holds {1, 0}, unbiased variance 0.5, std 0.7071068; mean 0.7071068.
    assertEquals(0.7071068, std(new double[][] {{3, 0}, {0, 0.5}}), 1e-6);
  }

  @Test
  void theAccumulatorAveragesOverBatches() {
    EmbeddingStd metric = new EmbeddingStd();
    metric.addAccumulator("train");
    metric.updateAccumulator("train", new NDList(), new NDList(DjlTests.matrix(manager, new double[][] {{1, 0}, {0, 1}})));
    metric.updateAccumulator("train", new NDList(), new NDList(DjlTests.matrix(manager, new double[][] {{1, 1}, {1, 1}})));
    assertEquals(0.7071068 / 2, metric.getAccumulator("train"), 1e-6);
    metric.resetAccumulator("train");
    assertEquals(Float.NaN, metric.getAccumulator("train"));
    assertEquals("embedding_std", metric.getName());
  }
}
