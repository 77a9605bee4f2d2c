package io.pretext.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Global-norm clipping on the real engine's gradients of a small linear layer. */
class GradientClippingTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 1e6})
  void scalesEveryGradientByOneFactorWhenTheNormIsTooLarge(double maxNorm) {
    try (Model model = Model.newInstance("clip")) {
      model.setBlock(Linear.builder().setUnits(3).build());
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
        trainer.initialize(new Shape(4, 5));
        NDManager m = trainer.getManager();
        NDArray x = m.arange(20f).reshape(4, 5).div(10f);
        try (GradientCollector c = trainer.newGradientCollector()) {
          NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
          c.backward(trainer.getLoss().evaluate(new NDList(m.ones(new Shape(4, 3)).mul(50f)), new NDList(y)));
        }
        Block block = model.getBlock();
        List<float[]> before = gradients(block);
        double norm = GradientClipping.clipGlobalNorm(block.getParameters(), maxNorm);
        List<float[]> after = gradients(block);
        double expected = 0;
        for (float[] g : before) {
          for (float v : g) {
            expected += (double) v * v;
          }
        }
        assertEquals(Math.sqrt(expected), norm, 1e-3 * norm);
        double scale = norm > maxNorm ? maxNorm / norm : 1;
        double clipped = 0;
        for (int i = 0; i < before.size(); i++) {
          float[] want = before.get(i).clone();
          for (int j = 0; j < want.length; j++) {
            want[j] *= (float) scale;
            clipped += (double) after.get(i)[j] * after.get(i)[j];
          }
          assertArrayEquals(want, after.get(i), 1e-4f * (float) Math.max(1, scale * norm));
        }
        assertEquals(Math.min(norm, maxNorm), Math.sqrt(clipped), 1e-3 * Math.min(norm, maxNorm));
      }
    }
  }

  private static List<float[]> gradients(Block block) {
    List<float[]> out = new ArrayList<>();
    block.getParameters().values().forEach(p -> out.add(p.getArray().getGradient().toFloatArray()));
    return out;
  }
}
