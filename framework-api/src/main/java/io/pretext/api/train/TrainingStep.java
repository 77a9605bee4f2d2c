package io.pretext.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.function.DoubleFunction;

/**
 * One training step, shared by pretraining and the downstream recipes so that a step means the
 * same in both: forward under a gradient collector, the loss, a check that it is finite, backward,
 * optional clipping of the global gradient norm ({@link GradientClipping}), then the optimizer
 * step. The caller owns the step's NDManager scope, in which {@code inputs}, {@code labels} and the
 * predictions live.
 *
 * <pre>{@code
 * TrainingStep step = new TrainingStep(settings.gradientClip());
 * try (NDManager scope = trainer.getManager().newSubManager()) {
 *   TrainingStep.Result r = step.run(trainer, batch.inputs(scope), batch.labels(scope),
 *       loss -> new IllegalStateException("the loss became " + loss));
 * }
 * }</pre>
 */
public final class TrainingStep {
  private final double gradientClip;

  /** What a step gave: the loss before the update, and the model's outputs (in the caller's scope). */
  public record Result(double loss, NDList predictions) {}

  /**
   * @param gradientClip the largest global gradient norm, > 0; 0 for no clipping
   */
  public TrainingStep(double gradientClip) {
    if (!(gradientClip >= 0)) {
      throw new IllegalArgumentException("gradientClip must be >= 0, got " + gradientClip);
    }
    this.gradientClip = gradientClip;
  }

  /**
   * Runs the step.
   *
   * @param nonFinite makes the exception thrown, before backward and the update, when the loss is
   *     NaN or infinite
   */
  public Result run(Trainer trainer, NDList inputs, NDList labels, DoubleFunction<? extends RuntimeException> nonFinite) {
    NDList predictions;
    double loss;
    try (GradientCollector collector = trainer.newGradientCollector()) {
      predictions = trainer.forward(inputs, labels);
      NDArray value = trainer.getLoss().evaluate(labels, predictions);
      loss = value.getFloat();
      if (!Double.isFinite(loss)) {
        throw nonFinite.apply(loss);
      }
      collector.backward(value);
    }
    if (gradientClip > 0) {
      GradientClipping.clipGlobalNorm(trainer.getModel().getBlock().getParameters(), gradientClip);
    }
    trainer.step();
    return new Result(loss, predictions);
  }
}
