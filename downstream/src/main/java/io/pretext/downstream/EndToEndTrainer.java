package io.pretext.downstream;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.PretextUserException;
import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.train.TrainingStep;
import io.pretext.api.transfer.TransferContext;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Trains encoder + linear head end to end on a labeled subset with DJL (one NDManager scope per step),
 * starting from the pretrained weights (fine-tuning) or from a fresh initialization (from scratch).
 */
final class EndToEndTrainer {
  private final TransferContext context;
  private final SupervisedRecipe recipe;

  EndToEndTrainer(TransferContext context, SupervisedRecipe recipe) {
    this.context = context;
    this.recipe = recipe;
  }

  /** A trained classifier; holds its model open until closed. */
  static final class Trained implements AutoCloseable {
    private final Model model;
    private final Block encoder;
    private final TransferContext context;
    private final double finalLoss;

    Trained(Model model, Block encoder, TransferContext context, double finalLoss) {
      this.model = model;
      this.encoder = encoder;
      this.context = context;
      this.finalLoss = finalLoss;
    }

    /** The trained encoder (inside the classifier). */
    Block encoder() {
      return encoder;
    }

    double finalLoss() {
      return finalLoss;
    }

    /** Predicted classes, in inference mode (BatchNorm running statistics), batch by batch. */
    int[] predict(Dataset<?> data, int batchSize) {
      int[] out = new int[data.size()];
      for (int from = 0; from < data.size(); from += batchSize) {
        int to = Math.min(data.size(), from + batchSize);
        HostTensor x = Preprocessed.batch(context, data, from, to);
        try (NDManager scope = model.getNDManager().newSubManager()) {
          NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), new NDList(x.toNDArray(scope)), false)
              .singletonOrThrow();
          long[] best = logits.argMax(1).toLongArray();
          for (int i = 0; i < best.length; i++) {
            out[from + i] = (int) best[i];
          }
        }
      }
      return out;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /**
   * Trains a classifier.
   *
   * @param labeled the labeled subset
   * @param pretrained start the encoder from the pretrained weights (else a fresh initialization)
   * @param purpose names the seed streams (initialization, batches, augmentation), e.g. "fine-tune/600"
   */
  Trained train(Dataset<?> labeled, boolean pretrained, String purpose) {
    int n = labeled.size();
    int classes = labeled.classNames().size();
    int batch = Math.min(recipe.batchSize(), n);
    Block encoder = context.newEncoderBlock();
    SequentialBlock net = new SequentialBlock().add(encoder).add(new FirstOutput());
    if (recipe.headDropout() > 0) {
      net.add(new Dropout((float) recipe.headDropout()));
    }
    net.add(Linear.builder().setUnits(classes).build());
    Model model = Model.newInstance(purpose, context.device(), context.engine().start().getEngineName());
    boolean done = false;
    try {
      model.setBlock(net);
      if (pretrained) {
        context.pretrained().loadInto(encoder, model.getNDManager()); // kept by initialize below
        FreshBlocks.dropPretrained(encoder, recipe.reinitialize());
      }
      context.seedEngine(purpose + "/init");
      int steps = recipe.stepsFor(n);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer(steps))
          .optDevices(new ai.djl.Device[] {context.device()});
      double loss;
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(context.batchShape(batch));
        loss = loop(trainer, labeled, batch, steps, purpose);
      }
      done = true;
      return new Trained(model, encoder, context, loss);
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  private Optimizer optimizer(int steps) {
    Tracker rate = recipe.schedule(steps);
    return recipe.optimizerSpec().build(rate);
  }

  private double loop(Trainer trainer, Dataset<?> labeled, int batch, int steps, String purpose) {
    int n = labeled.size();
    RandomGenerator order = context.seeds().generator(purpose + "/batches");
    RandomGenerator augment = context.seeds().generator(purpose + "/augment");
    FlipTranslate flipTranslate = new FlipTranslate(recipe.flip(), recipe.translate());
    TrainingStep trainingStep = new TrainingStep(recipe.gradientClip());
    int[] perm = permutation(n, order);
    int cursor = 0;
    double loss = Double.NaN;
    for (int step = 1; step <= steps; step++) {
      List<Object> samples = new ArrayList<>(batch);
      int[] y = new int[batch];
      for (int b = 0; b < batch; b++) {
        if (cursor == n) {
          perm = permutation(n, order);
          cursor = 0;
        }
        int i = perm[cursor++];
        Object sample = labeled.get(i);
        if (sample instanceof Image image && !flipTranslate.isIdentity()) {
          sample = flipTranslate.apply(image, augment);
        }
        samples.add(Preprocessed.preprocess(context, sample, i));
        y[b] = labeled.label(i);
      }
      HostTensor x = context.batcher().batch(samples);
      int at = step;
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDList inputs = new NDList(x.toNDArray(scope));
        NDList labels = new NDList(HostTensor.ofInts(y, batch).toNDArray(scope));
        loss = trainingStep.run(trainer, inputs, labels, l -> new PretextUserException("Downstream training (" + purpose
            + ") diverged: the loss became " + l + " at step " + at + ". Lower the evaluator's learning-rate (now "
            + recipe.learningRate() + ").")).loss();
      }
    }
    return loss;
  }

  private static int[] permutation(int n, RandomGenerator random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    LabeledSubsets.shuffle(p, random);
    return p;
  }
}
