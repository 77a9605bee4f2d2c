package io.pretext.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.util.Pair;
import io.pretext.api.data.Dataset;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.train.SampleShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PretextTask} must do for the training loop, as JUnit 5 tests a plugin's test
 * class inherits: batches that depend only on their arguments (the loop prepares several at once
 * on worker threads, and a seed must give the same run), a model that builds around the encoder
 * and runs, a finite loss whose gradients reach every trainable encoder parameter, finite training
 * metrics, training steps that leave no array behind in the model, and an encoder that {@code
 * pretext export} can write.
 *
 * <pre>{@code
 * class RotationContractTest extends PretextTaskContract {
 *   protected PretextTask task() { return new RotationTask(); }
 *   protected Encoder encoder() { return TinyEncoders.mlp(32, 16); }
 *   protected Dataset<?> data() { return TinyData.images(16, 1, 12, 12, 1); }
 * }
 * }</pre>
 *
 * <p>Each test builds what it needs afresh from the methods below. Batches hold the first {@link
 * #batchSize()} samples of {@link #data()}, each a fresh copy as the loop hands them over.
 */
public abstract class PretextTaskContract {
  private static final int THREADS = 4;
  private static final int SEEDS = 6;
  private static final long MODEL_SEED = 11;

  /** A new task to test. */
  protected abstract PretextTask task();

  /** The encoder the task is built around; a small one keeps the tests fast. */
  protected abstract Encoder encoder();

  /** Samples of the task's sample type, at least {@link #batchSize()}. */
  protected abstract Dataset<?> data();

  /** The augmentation pipeline handed to {@code prepareBatch}; none by default. */
  protected AugmentPipeline augment() {
    return AugmentPipeline.identity();
  }

  /** The run's head, as a run file's {@code head} section would give it; the task's own by default. */
  protected Optional<Head> head() {
    return Optional.empty();
  }

  /** Samples per batch; 8 by default. */
  protected int batchSize() {
    return 8;
  }

  @Test
  public void theDataFitsTheTask() {
    Dataset<?> data = data();
    assertTrue(task().sampleType().isAssignableFrom(data.sampleType()), "the task trains on "
        + task().sampleType().getSimpleName() + " samples, data() gives " + data.sampleType().getSimpleName());
    assertTrue(data.size() >= batchSize(), "data() has " + data.size() + " samples, fewer than batchSize() " + batchSize());
  }

  @Test
  public void aSeededBatchIsTheSameEveryTime() {
    PretextTask task = task();
    List<Object> samples = samples();
    List<Object> given = new ArrayList<>(samples);
    TrainingBatch first = task.prepareBatch(samples, augment(), new SplittableRandom(1));
    assertEquals(given.size(), samples.size(), "prepareBatch changed the size of the samples list it was given");
    for (int i = 0; i < given.size(); i++) {
      assertTrue(given.get(i) == samples.get(i), "prepareBatch replaced or moved sample " + i + " in the list it was given");
    }
    assertEquals(batchSize(), first.samples(), "TrainingBatch.samples() should count the samples the batch came from");
    assertFalse(first.inputs().isEmpty(), "the batch has no inputs");
    TrainingBatch again = task.prepareBatch(samples(), augment(), new SplittableRandom(1));
    BatchDifference.between(first, again).ifPresent(d -> fail(
        "prepareBatch gave two batches from the same samples and seed: " + d
            + ". Draw every random choice from the generator it is given, and keep no state between calls."));
  }

  @Test
  public void batchesArePureAcrossThreads() throws InterruptedException, ExecutionException {
    PretextTask task = task();
    AugmentPipeline augment = augment();
    List<TrainingBatch> expected = new ArrayList<>();
    for (int seed = 0; seed < SEEDS; seed++) {
      expected.add(task.prepareBatch(samples(), augment, new SplittableRandom(seed)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<String>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          for (int k = 0; k < SEEDS; k++) {
            int seed = (offset + k) % SEEDS;
            TrainingBatch batch = task.prepareBatch(samples(), augment, new SplittableRandom(seed));
            Optional<String> d = BatchDifference.between(expected.get(seed), batch);
            if (d.isPresent()) {
              return Optional.of("seed " + seed + " on thread " + offset + ": " + d.get());
            }
          }
          return Optional.<String>empty();
        }));
      }
      start.countDown();
      for (Future<Optional<String>> r : results) {
        r.get().ifPresent(d -> fail("prepareBatch gave another batch for the same seed when " + THREADS
            + " threads called it at once (" + d + "). It must depend only on its arguments: no mutable fields,"
            + " no shared generator or buffer."));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void theModelBuildsAndRunsForward() {
    try (TaskHarness harness = harness()) {
      NDList outputs = harness.trainer().forward(harness.inputs());
      assertFalse(outputs.isEmpty(), "the task's model returned no output");
      for (int i = 0; i < outputs.size(); i++) {
        int bad = TaskHarness.firstNonFinite(TaskHarness.floats(outputs.get(i)));
        assertEquals(-1, bad, "output " + i + " of the model has a non-finite value at index " + bad);
      }
    }
  }

  @Test
  public void theLossIsFiniteAndTrainsEveryEncoderParameter() {
    try (TaskHarness harness = harness()) {
      try (GradientCollector collector = harness.trainer().newGradientCollector()) {
        NDList predictions = harness.trainer().forward(harness.inputs(), harness.labels());
        NDArray loss = harness.trainer().getLoss().evaluate(harness.labels(), predictions);
        assertEquals(1, loss.size(), "the loss should be one number, got shape " + loss.getShape());
        float value = loss.getFloat();
        assertTrue(Float.isFinite(value), "the loss of a fresh model is " + value);
        collector.backward(loss);
      }
      List<String> untrained = new ArrayList<>();
      int trainable = 0;
      for (Pair<String, Parameter> p : harness.encoder().getParameters()) {
        Parameter parameter = p.getValue();
        if (!parameter.requiresGradient()) {
          continue;
        }
        trainable++;
        if (!parameter.isInitialized()) {
          untrained.add(p.getKey() + " (not initialized: is the encoder part of buildModel's block?)");
          continue;
        }
        float[] gradient = TaskHarness.floats(parameter.getArray().getGradient());
        int bad = TaskHarness.firstNonFinite(gradient);
        if (bad >= 0) {
          untrained.add(p.getKey() + " (gradient " + gradient[bad] + " at index " + bad + ")");
        } else if (allZero(gradient)) {
          untrained.add(p.getKey() + " (zero gradient)");
        }
      }
      assertTrue(trainable > 0, "the encoder has no trainable parameter");
      assertTrue(untrained.isEmpty(), "the loss does not train these encoder parameters: " + untrained);
    }
  }

  /**
   * Steps of training, each in a scope the loop closes after it, leave the model's manager as they
   * found it: an op whose first operand is a parameter (a weight normalised in the forward pass, a
   * slice of a table) makes its result in the parameter's manager, which lives as long as the run.
   * Such an array is never closed, and a run's memory grows with every step. The first two steps may
   * add arrays for good (the optimizer's state); after them, none.
   */
  @Test
  public void trainingStepsLeaveNoArrayBehindInTheModel() {
    try (TaskHarness harness = harness()) {
      harness.trainStep(1, 4, 2);
      harness.trainStep(2, 4, 2);
      int settled = harness.arraysHeld();
      harness.trainStep(3, 4, 2);
      harness.trainStep(4, 4, 2);
      int added = harness.arraysHeld() - settled;
      assertEquals(0, added, "two training steps left " + added + " arrays in the model's manager: an op on a parameter"
          + " alone makes its result there; attach such results to the step's scope (the input's manager)");
    }
  }

  @Test
  public void trainingMetricsGiveFiniteValues() {
    List<Evaluator> metrics = task().trainingMetrics();
    if (metrics.isEmpty()) {
      return;
    }
    try (TaskHarness harness = harness()) {
      NDList predictions = harness.trainer().forward(harness.inputs(), harness.labels());
      for (Evaluator metric : metrics) {
        metric.addAccumulator("contract");
        metric.updateAccumulator("contract", harness.labels(), predictions);
        float value = metric.getAccumulator("contract");
        assertTrue(Float.isFinite(value), "training metric '" + metric.getName() + "' is " + value);
      }
    }
  }

  @Test
  public void theEncoderCanBeExportedToOnnx() {
    List<String> missing = ExportCheck.blocksWithoutWriter(encoder().build(task().encoderInputShape(sampleShape())));
    assertTrue(missing.isEmpty(), "pretext export has no ONNX writer for these blocks of the encoder: " + missing);
  }

  /** The first {@link #batchSize()} samples of {@link #data()}, fresh copies, in a list the task may not change. */
  private List<Object> samples() {
    Dataset<?> data = data();
    List<Object> out = new ArrayList<>(batchSize());
    for (int i = 0; i < batchSize(); i++) {
      out.add(data.get(i));
    }
    return out;
  }

  /** The shape of one augmented sample, as the training loop probes it. */
  private ai.djl.ndarray.types.Shape sampleShape() {
    return SampleShapes.of(augment().apply(data().get(0), new SplittableRandom(0)));
  }

  private TaskHarness harness() {
    PretextTask task = task();
    TrainingBatch batch = task.prepareBatch(samples(), augment(), new SplittableRandom(1));
    return new TaskHarness(task, encoder(), head(), sampleShape(), batch, MODEL_SEED);
  }

  private static boolean allZero(float[] values) {
    for (float v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }
}
