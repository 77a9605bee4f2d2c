package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import ai.djl.nn.Block;
import io.pretext.api.runtime.SeedSource;
import ai.djl.training.loss.Loss;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TrainingHook;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.testplugin.RotationTask;
import io.pretext.core.testplugin.TinyImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentMatcher;
import org.mockito.InOrder;

/** The loop calls a task's hooks in order, with the step, total, epoch and model, over a real run. */
class TrainingHooksTest {
  @TempDir Path tmp;

  /** Rotation prediction with hooks. */
  private static final class HookedRotation implements PretextTask {
    private final RotationTask rotation = new RotationTask();
    private final List<TrainingHook> hooks;
    final AtomicReference<Block> model = new AtomicReference<>();

    HookedRotation(List<TrainingHook> hooks) {
      this.hooks = hooks;
    }

    @Override
    public Class<?> sampleType() {
      return rotation.sampleType();
    }

    @Override
    public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
      return rotation.buildModel(encoder, featureSize, head);
    }

    @Override
    public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
      return rotation.prepareBatch(samples, augment, random);
    }

    @Override
    public Loss loss() {
      return rotation.loss();
    }

    @Override
    public List<TrainingHook> hooks(Block built) {
      model.set(built);
      return hooks;
    }
  }

  private TrainResult train(HookedRotation task, Map<String, ?> settings) {
    PretrainLoop loop = new PretrainLoop(Fixtures.settings(settings), new SeedSource(42), Fixtures.engine(),
        RunDirectory.create(tmp.resolve("run")), new Fixtures.Recorder(), ProgressReporter.NONE);
    return loop.run(task, new MlpEncoder(List.of(16L), 8), new TinyImages(24, 8, 3), AugmentPipeline.identity());
  }

  @Test
  void hooksRunInOrderAroundEveryStepAndAfterEachEpoch() {
    TrainingHook first = mock(TrainingHook.class);
    TrainingHook second = mock(TrainingHook.class);
    HookedRotation task = new HookedRotation(List.of(first, second));
    try (TrainResult result = train(task, Map.of("epochs", 2))) {
      assertEquals(6, result.steps()); // 3 batches of 8 per epoch
      Block model = result.model().getBlock();
      assertEquals(model, task.model.get());
      InOrder order = inOrder(first, second);
      order.verify(first).beforeTraining(argThat(at(0, 1, model)));
      order.verify(second).beforeTraining(argThat(at(0, 1, model)));
      for (int step = 1; step <= 6; step++) {
        int epoch = (step - 1) / 3 + 1;
        order.verify(first).beforeStep(argThat(at(step, epoch, model)));
        order.verify(second).beforeStep(argThat(at(step, epoch, model)));
        order.verify(first).afterStep(argThat(at(step, epoch, model).and(c -> c.predictions().size() == 1)));
        order.verify(second).afterStep(argThat(at(step, epoch, model)));
        if (step % 3 == 0) {
          order.verify(first).afterEpoch(argThat(at(step, epoch, model)));
          order.verify(second).afterEpoch(argThat(at(step, epoch, model)));
        }
      }
      order.verifyNoMoreInteractions();
    }
  }

  @Test
  void anEpochCutShortByMaxStepsStillEnds() {
    TrainingHook hook = mock(TrainingHook.class);
    try (TrainResult result = train(new HookedRotation(List.of(hook)), Map.of("epochs", 3, "max-steps", 4))) {
      assertEquals(4, result.steps());
      InOrder order = inOrder(hook);
      order.verify(hook).afterEpoch(argThat(c -> c.step() == 3 && c.epoch() == 1 && c.totalSteps() == 4));
      order.verify(hook).beforeStep(argThat(c -> c.step() == 4 && c.epoch() == 2));
      order.verify(hook).afterStep(argThat(c -> c.step() == 4 && c.epoch() == 2));
      order.verify(hook).afterEpoch(argThat(c -> c.step() == 4 && c.epoch() == 2));
      order.verifyNoMoreInteractions();
    }
  }

  /** A context at this step and epoch of the 6-step run, 3 steps per epoch, on this model. */
  private static Matcher at(long step, int epoch, Block model) {
    return c -> c.step() == step && c.epoch() == epoch && c.totalSteps() == 6 && c.stepsPerEpoch() == 3
        && c.model() == model;
  }

  @FunctionalInterface
  private interface Matcher extends ArgumentMatcher<StepContext> {
    default Matcher and(ArgumentMatcher<StepContext> other) {
      return c -> matches(c) && other.matches(c);
    }
  }
}
