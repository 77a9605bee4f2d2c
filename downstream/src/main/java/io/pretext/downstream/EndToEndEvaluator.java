package io.pretext.downstream;

import io.pretext.api.config.ValueType;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.train.OptimizerSpec;
import io.pretext.api.transfer.TransferContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoder + linear head trained end to end on the labeled subset: {@code fine-tune} starts from the
 * pretrained weights (the transfer the seed idea promises), {@code from-scratch} from a fresh
 * initialization of the same architecture with the same recipe (the baseline it must beat).
 */
public final class EndToEndEvaluator implements DownstreamEvaluator {
  private final String method;
  private final boolean pretrained;
  private final SupervisedRecipe recipe;

  EndToEndEvaluator(String method, boolean pretrained, SupervisedRecipe recipe) {
    this.method = method;
    this.pretrained = pretrained;
    this.recipe = recipe;
  }

  @Override
  public String method() {
    return method;
  }

  /** Whether the encoder starts from the pretrained weights (fine-tune) or afresh (from scratch). */
  boolean pretrained() {
    return pretrained;
  }

  @Override
  public EvaluationResult evaluate(TransferContext context, LabeledTask task) {
    long t0 = System.nanoTime();
    String purpose = (pretrained ? "fine-tune" : "from-scratch");
    try (EndToEndTrainer.Trained trained = new EndToEndTrainer(context, recipe).train(task.labeled(), pretrained, purpose)) {
      long t1 = System.nanoTime();
      double accuracy = Accuracy.of(trained.predict(task.test(), recipe.evalBatchSize()), Preprocessed.labels(task.test()));
      long t2 = System.nanoTime();
      Map<String, Object> extras = new LinkedHashMap<>();
      extras.put("steps", recipe.stepsFor(task.labeled().size()));
      extras.put("batch_size", Math.min(recipe.batchSize(), task.labeled().size()));
      extras.put("learning_rate", recipe.learningRate());
      extras.put("final_loss", trained.finalLoss());
      if (recipe.gradientClip() > 0) {
        extras.put("gradient_clip", recipe.gradientClip());
      }
      if (recipe.headDropout() > 0) {
        extras.put("head_dropout", recipe.headDropout());
      }
      if (!recipe.reinitialize().isEmpty()) {
        extras.put("reinitialize", String.join(",", recipe.reinitialize()));
      }
      if (!recipe.decayScope().equals(OptimizerSpec.ALL)) {
        extras.put("weight_decay_scope", recipe.decayScope());
      }
      return new EvaluationResult(accuracy, (t1 - t0) / 1e9, (t2 - t1) / 1e9, extras);
    }
  }

  /** {@code fine-tune}: the pretrained encoder trained on the labels, Adam 3e-4 (not tuned). */
  public static final class FineTuneFactory extends EvaluatorFactory {
    static final double LEARNING_RATE = 3e-4;

    public FineTuneFactory() {
      super(SupervisedRecipe.schema(LEARNING_RATE).toBuilder()
              .optional("reinitialize", ValueType.listOf(ValueType.string()), List.of(),
                  "top-level encoder blocks initialized afresh instead of loaded, e.g. [layer2, norm]")
              .build(),
          "pretrained encoder + linear head trained end to end on the labels (Adam, flip + translation)",
          c -> new EndToEndEvaluator("fine-tune", true, SupervisedRecipe.from(c, LEARNING_RATE)));
    }
  }

  /** {@code from-scratch}: the reference's supervised baseline, Adam 1e-3. */
  public static final class FromScratchFactory extends EvaluatorFactory {
    static final double LEARNING_RATE = 1e-3;

    public FromScratchFactory() {
      super(SupervisedRecipe.schema(LEARNING_RATE),
          "the same encoder, randomly initialized, + linear head trained on the labels only (the baseline)",
          c -> new EndToEndEvaluator("from scratch", false, SupervisedRecipe.from(c, LEARNING_RATE)));
    }
  }
}
