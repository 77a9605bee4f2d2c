package io.pretext.api.spi;


import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Dataset;
import io.pretext.api.spi.TransferInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * A plugin that defines a self-supervised problem whose labels the data makes itself: SimCLR's
 * two views, context prediction's patch positions, masked tokens. The framework's training loop
 * does the rest (shuffling, prefetch, steps, checkpoints, metrics).
 *
 * <p>{@link #prepareBatch} runs on background threads, several batches at once: it must depend
 * only on its arguments.
 */
public interface PretextTask {

  /** The sample type it trains on. */
  Class<?> sampleType();

  /**
   * The shape of one encoder input (without batch axis), given the shape of one sample as the run's
   * augmentation pipeline makes it (a dataset sample after {@code augment}, which may crop or
   * resize); e.g. a patch size for context prediction. Defaults to that shape.
   */
  default Shape encoderInputShape(Shape sampleShape) {
    return sampleShape;
  }

  /**
   * Builds the network trained on the task around the encoder (shared weights where the task
   * applies it several times). Its output is what {@link #loss()} receives as predictions.
   *
   * @param encoder the encoder block, not yet initialized
   * @param featureSize the length of the encoder's feature vector
   * @param head the run's {@code head} plugin when the run names one; otherwise the task uses its
   *     own default head
   * @throws UnsupportedOperationException when the task implements {@link #buildModel(ModelContext)} instead
   */
  default Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    throw new UnsupportedOperationException(getClass().getName()
        + " does not build its model from a block alone: implement, or call, buildModel(ModelContext)");
  }

  /**
   * Builds the network trained on the task from the run's model context: as {@link
   * #buildModel(Block, long, Optional)}, with what it takes to build a second encoder of the same
   * architecture (a target network: {@link ModelContext#newEncoder()}). A task implements this one
   * or the other; by default this one calls the other.
   *
   * <p>Parameters the optimizer must not train (a target network) are frozen here, before
   * initialization: {@code target.freezeParameters(true)}. DJL's trainer then computes no gradient
   * for them and its optimizer neither updates them nor keeps state for them; checkpoints still
   * save and restore them.
   */
  default Block buildModel(ModelContext context) {
    return buildModel(context.encoder(), context.featureSize(), context.head());
  }

  /**
   * The hooks the loop calls at step boundaries for the model {@link #buildModel(ModelContext)}
   * built (e.g. a {@link io.pretext.api.train.MomentumUpdate} of its target network), in order.
   * Empty by default.
   *
   * @param model the block {@code buildModel} returned
   */
  default List<TrainingHook> hooks(Block model) {
    return List.of();
  }

  /**
   * State of the model that is not a parameter (a queue, a centre), by a name unique within the
   * task, saved with every checkpoint and restored with it. Empty by default.
   *
   * @param model the block {@code buildModel} returned
   */
  default Map<String, TaskState> taskState(Block model) {
    return Map.of();
  }

  /**
   * Makes one step's inputs and targets from raw samples.
   *
   * @param samples the batch's samples, fresh copies the task may modify
   * @param augment the run's augmentation pipeline, to apply as the task needs (once, twice...)
   * @param random a generator seeded for this batch alone
   */
  TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random);

  /**
   * Learns what the task needs from the unlabeled data before training, e.g. a tokenizer, and
   * saves it into the run directory. Returns the task to train with (this one by default).
   *
   * @param unlabeled the pretraining data
   * @param runDirectory the run's directory, where what is learned is saved for later stages
   */
  default PretextTask prepare(Dataset<?> unlabeled, Path runDirectory) {
    return this;
  }

  /**
   * As {@link #prepare}, for a run that continues pretraining from an earlier run: the task takes
   * over what the earlier run learned (e.g. its tokenizer, which the weights depend on) instead of
   * learning it again, and saves a copy into the new run directory. By default: {@link #prepare}.
   *
   * @param earlierRun the directory of the finished run continued from
   * @param unlabeled the new pretraining data
   * @param runDirectory the new run's directory
   */
  default PretextTask prepareContinuing(Path earlierRun, Dataset<?> unlabeled, Path runDirectory) {
    return prepare(unlabeled, runDirectory);
  }

  /**
   * How the transfer step turns labeled samples into encoder inputs, for tasks whose encoder does
   * not read the samples as they are (text: token ids from the run's tokenizer, read from the run
   * directory). Empty by default: the samples are images, batched as they are.
   */
  default Optional<TransferInput> transferInput(Path runDirectory) {
    return Optional.empty();
  }

  /**
   * How much of a batch's cost a sample makes, e.g. a text's token count after encoding: with
   * {@code train.group-by-length}, the loop puts samples of similar size in the same batch so that
   * padding to the longest costs less. Empty (the default) when every sample costs the same.
   */
  default Optional<ToIntFunction<Object>> sampleLength() {
    return Optional.empty();
  }

  /**
   * This task as a finished run left it: what {@link #prepare} saved in the run directory read
   * back (e.g. the tokenizer), nothing written, so that {@link #buildModel} rebuilds the run's
   * model for inference. This task by default.
   *
   * @param runDirectory the finished run's directory
   */
  default PretextTask restore(Path runDirectory) {
    return this;
  }

  /**
   * The folder of the run's {@link io.pretext.api.text.Tokenizer} ({@code vocab.txt},
   * {@code tokenizer.json}), for text tasks: export copies it beside the model and records the
   * vocabulary's {@link io.pretext.api.text.Tokenizer#fingerprint fingerprint}. Empty by default.
   *
   * @param runDirectory the finished run's directory
   */
  default Optional<Path> tokenizerDirectory(Path runDirectory) {
    return Optional.empty();
  }

  /**
   * What the run's trained model can predict about masked tokens, for tasks that train such a
   * model ({@code pretext fill-mask}, {@code pretext mlm-eval}). Empty by default: the commands
   * refuse the run before building anything.
   *
   * @param runDirectory the finished run's directory (e.g. for its tokenizer)
   */
  default Optional<MaskedTokenPredictor> maskedTokens(Path runDirectory) {
    return Optional.empty();
  }

  /** The loss minimized during pretraining. */
  Loss loss();

  /** Metrics logged next to the loss, e.g. pretext accuracy; empty by default. */
  default List<Evaluator> trainingMetrics() {
    return List.of();
  }
}
