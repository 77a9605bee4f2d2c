package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import ai.djl.nn.Block;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.testplugin.RotationTask;
import io.pretext.core.testplugin.TinyImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** What a real, tiny pretraining run hands its metrics sink: the sink is a mock, the loop is real. */
@ExtendWith(MockitoExtension.class)
class PretrainLoopMetricsTest {
  private static final TinyImages DATA = new TinyImages(64, 8, 3);

  @TempDir Path tmp;
  @Mock MetricsSink sink;
  @Captor ArgumentCaptor<Map<String, ?>> lines;
  @Captor ArgumentCaptor<Map<String, ?>> summary;

  private TrainResult train(PretextTask task) {
    PretrainLoop loop = new PretrainLoop(Fixtures.settings(Map.of("max-steps", 3)), new SeedSource(42),
        Fixtures.engine(), RunDirectory.create(tmp.resolve("run")), sink, ProgressReporter.NONE);
    return loop.run(task, new MlpEncoder(List.of(16L), 8), DATA, AugmentPipeline.identity());
  }

  @Test
  void oneTrainLinePerStepWithTheLoopsKeysAndTheTaskMetricThenOneSummary() {
    try (TrainResult result = train(new RotationTask())) {
      assertEquals(3, result.steps());
    }
    InOrder order = inOrder(sink);
    order.verify(sink, times(3)).record(eq(PretrainLoop.STREAM), lines.capture());
    order.verify(sink).record(eq(PretrainLoop.SUMMARY_STREAM), summary.capture());
    verify(sink, never()).close();
    verifyNoMoreInteractions(sink);

    for (int i = 0; i < 3; i++) {
      Map<String, ?> line = lines.getAllValues().get(i);
      assertEquals(List.of("step", "epoch", "loss", "samples_per_s", "wait_ms", "step_ms", "accuracy"),
          List.copyOf(line.keySet()));
      assertEquals((long) i + 1, line.get("step"));
      assertEquals(1, line.get("epoch"));
    }
    assertEquals(List.of("steps", "epochs", "final_loss", "mean_step_ms", "median_step_ms", "data_wait_fraction",
        "wall_s", "epochs_completed", "budget_stopped"), List.copyOf(summary.getValue().keySet()));
    assertEquals(lines.getAllValues().get(2).get("loss"), summary.getValue().get("final_loss"));
  }

  @Test
  void aMetricNamedLikeALoopKeyIsRefusedBeforeAnyLineIsWritten() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> train(new WithMetric(new RotationTask(), new Accuracy("Loss", 1))).close());
    assertTrue(e.getMessage().contains("'Loss'") && e.getMessage().contains("rename it"), e.getMessage());
    verifyNoInteractions(sink);
  }

  @Test
  void aCamelCaseMetricNameBecomesASnakeCaseKey() {
    train(new WithMetric(new RotationTask(), new Accuracy("RotationAccuracy", 1))).close();
    verify(sink, times(3)).record(eq(PretrainLoop.STREAM), lines.capture());
    verify(sink).record(eq(PretrainLoop.SUMMARY_STREAM), any());
    assertTrue(lines.getValue().containsKey("rotation_accuracy"), lines.getValue().toString());
  }

  /** A task with another training metric. */
  private record WithMetric(PretextTask inner, Evaluator metric) implements PretextTask {
    @Override
    public Class<?> sampleType() {
      return inner.sampleType();
    }

    @Override
    public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
      return inner.buildModel(encoder, featureSize, head);
    }

    @Override
    public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
      return inner.prepareBatch(samples, augment, random);
    }

    @Override
    public Loss loss() {
      return inner.loss();
    }

    @Override
    public List<Evaluator> trainingMetrics() {
      return List.of(metric);
    }
  }
}
