package io.pretext.core.testplugin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** Wraps a task so that its loss turns NaN from a given step on: exercises the NaN guard. */
public final class NanAtStep implements PretextTask {
  private final PretextTask inner;
  private final int badStep;

  public NanAtStep(PretextTask inner, int badStep) {
    this.inner = inner;
    this.badStep = badStep;
  }

  @Override
  public Class<?> sampleType() {
    return inner.sampleType();
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, java.util.Optional<io.pretext.api.spi.Head> head) {
    return inner.buildModel(encoder, featureSize, head);
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return inner.prepareBatch(samples, augment, random);
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return inner.trainingMetrics();
  }

  @Override
  public Loss loss() {
    Loss base = inner.loss();
    AtomicInteger calls = new AtomicInteger();
    return new Loss("NanAtStep") {
      @Override
      public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray value = base.evaluate(labels, predictions);
        return calls.incrementAndGet() >= badStep ? value.mul(Float.NaN) : value;
      }
    };
  }
}
