package io.pretext.api.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScalarOpsTest {
  static Stream<Arguments> operations() {
    BiFunction<NDArray, Float, NDArray> times = ScalarOps::times;
    BiFunction<NDArray, Float, NDArray> dividedBy = ScalarOps::dividedBy;
    BiFunction<NDArray, Float, NDArray> atLeast = ScalarOps::atLeast;
    return Stream.of(
        // d(x * 0.25)/dx = 0.25; d(x / 4)/dx = 0.25; d max(x, 1.5)/dx = 1 where x > 1.5, else 0
        Arguments.of("times", times, 0.25f, new float[] {0.25f, 0.25f, 0.25f}),
        Arguments.of("dividedBy", dividedBy, 4f, new float[] {0.25f, 0.25f, 0.25f}),
        Arguments.of("atLeast", atLeast, 1.5f, new float[] {0f, 1f, 1f}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void gradientIsExactWhenGarbageIsCollectedBeforeBackward(
      String name, BiFunction<NDArray, Float, NDArray> op, float value, float[] expected) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int round = 0; round < 3; round++) {
        NDArray x = manager.create(new float[] {1f, 2f, 3f});
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray y = op.apply(x, value);
          List<ByteBuffer> reuse = BlockTesting.collectFreedBuffers();
          collector.backward(y.sum());
          assertArrayEquals(expected, x.getGradient().toFloatArray(), name + ", round " + round);
          Reference.reachabilityFence(reuse);
        }
      }
    }
  }
}
