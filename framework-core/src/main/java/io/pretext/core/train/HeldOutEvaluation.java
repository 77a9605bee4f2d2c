package io.pretext.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.evaluator.Evaluator;
import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.MetricNames;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pretext task's loss and metrics on held-out samples the model never trained on: batches made
 * exactly as in training (same task, augmentation and batch size, their own seeds), forward in
 * inference mode, no update.
 */
public final class HeldOutEvaluation {
  private static final String ACCUMULATOR = "held-out";

  /**
   * @param samples how many held-out samples were used
   * @param loss the mean loss over the batches
   * @param metrics each training metric of the task, over all batches
   */
  public record Result(int samples, double loss, Map<String, Double> metrics) {

    /** One line for logs and reports. */
    public String describe() {
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d held-out samples: loss %.4f", samples, loss));
      metrics.forEach((k, v) -> s.append(String.format(Locale.ROOT, ", %s %.4f", k, v)));
      return s.toString();
    }
  }

  private HeldOutEvaluation() {}

  /**
   * Evaluates the trained model of {@code trained} on at most {@code maxSamples} held-out samples,
   * in batches of {@code batchSize} (the last, incomplete batch is dropped unless it is the only one).
   */
  public static Result run(TrainResult trained, PretextTask task, Dataset<?> heldOut, AugmentPipeline augment,
      SeedSource seeds, int batchSize, int maxSamples) {
    int n = Math.min(heldOut.size(), maxSamples);
    int batches = Math.max(1, n / batchSize);
    int size = Math.min(batchSize, n);
    Block model = trained.model().getBlock();
    List<Evaluator> metrics = List.copyOf(task.trainingMetrics());
    List<String> keys = MetricNames.keys(metrics.stream().map(Evaluator::getName).toList());
    metrics.forEach(e -> e.addAccumulator(ACCUMULATOR));
    double lossSum = 0;
    int used = 0;
    for (int b = 0; b < batches; b++) {
      List<Object> samples = new ArrayList<>(size);
      for (int i = b * size; i < (b + 1) * size; i++) {
        samples.add(heldOut.get(i));
      }
      TrainingBatch batch = task.prepareBatch(samples, augment, seeds.generator("held-out", b));
      try (NDManager scope = trained.model().getNDManager().newSubManager()) {
        NDList labels = batch.labels(scope);
        NDList predictions = model.forward(new ParameterStore(scope, false), batch.inputs(scope), false);
        NDArray loss = task.loss().evaluate(labels, predictions);
        lossSum += loss.getFloat() * size;
        for (Evaluator e : metrics) {
          e.updateAccumulator(ACCUMULATOR, labels, predictions);
        }
      }
      used += size;
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      values.put(keys.get(i), (double) metrics.get(i).getAccumulator(ACCUMULATOR));
    }
    return new Result(used, lossSum / used, values);
  }
}
