package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.util.PairList;
import io.pretext.api.data.Image;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TaskState;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.TrainingHook;
import io.pretext.api.train.ArrayState;
import io.pretext.api.train.MomentumUpdate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * MoCo v2 (Chen, Fan, Girshick, He 2020, "Improved Baselines with Momentum Contrastive Learning",
 * after He, Fan, Wu, Xie, Girshick 2020): a query encoder and MLP head give queries q, a momentum
 * key encoder and head, {@code θk ← m·θk + (1 − m)·θq} (He et al., eq. 2), give keys k, and
 * InfoNCE at τ 0.2 ({@link MocoInfoNceLoss}, eq. 1) tells each query's key (the other view of its
 * image) from a queue of K keys of earlier batches, the negatives.
 *
 * <p>Both views are queries and keys: view 1's queries are scored against view 2's keys and view
 * 2's against view 1's, averaged (the symmetric loss of MoCo v3 and solo-learn's MoCo v2+; the
 * paper's is one-sided), and each step pushes the batch's 2N keys, L2-normalised, into the queue
 * and drops the 2N oldest, so K must be at least 2N. The queue is task state ({@link ArrayState},
 * (K, d), newest first): checkpoints save it and resume restores it. Its first value is K random
 * unit vectors from the run seed's {@value #QUEUE_STREAM} stream. Not done: shuffling BatchNorm
 * across devices (§3.3 of He et al.), which a single device does not need; each view already
 * goes through the BatchNorms on its own.
 *
 * <p>Batch: {@link TwoViewBatch}, (2N, C, H, W). Model: {@link MomentumTwoViewModel} without a
 * predictor, projector the run's {@code head} or {@link #defaultProjector()}; output (q, k,
 * queue), (2N, d), (2N, d) and (K, d). Hooks: the EMA ({@link MomentumUpdate#constant}), then the
 * queue's update. Metric: {@link EmbeddingStd} of q.
 */
public final class MocoTask implements PretextTask {
  /** MoCo's momentum m, lowered from the paper's 0.999 for runs of a few thousand steps. */
  public static final double DEFAULT_MOMENTUM = 0.99;
  /** The default K: 4096 keys, 16 steps of batch 256 (the paper's 65536 is 1/20 of ImageNet; this is 1/15 of Fashion-MNIST). */
  public static final int DEFAULT_QUEUE_SIZE = 4096;
  /** The seed stream the first queue is drawn from. */
  public static final String QUEUE_STREAM = "moco-queue";
  /** The default head's hidden size. */
  public static final long DEFAULT_PROJECTOR_HIDDEN = 256;
  /** The default projection size d (the paper's 128). */
  public static final long DEFAULT_PROJECTION_SIZE = 128;

  private final double momentum;
  private final int queueSize;
  private final double temperature;
  private final SeedSource seeds;

  /**
   * @param momentum m, in [0, 1]
   * @param queueSize K, >= 1 (the run file's check asks at least 2 × the batch size)
   * @param temperature τ, a finite number > 0
   * @param seeds the run's seeds, for the first queue
   * @throws IllegalArgumentException when a value is out of its range
   */
  public MocoTask(double momentum, int queueSize, double temperature, SeedSource seeds) {
    if (!(momentum >= 0 && momentum <= 1) || queueSize < 1) {
      throw new IllegalArgumentException("MoCo needs a momentum in [0, 1] and a queue size >= 1, got " + momentum
          + " and " + queueSize);
    }
    this.temperature = new MocoInfoNceLoss(temperature).temperature();
    this.momentum = momentum;
    this.queueSize = queueSize;
    this.seeds = Objects.requireNonNull(seeds, "seeds");
  }

  public double momentum() {
    return momentum;
  }

  public int queueSize() {
    return queueSize;
  }

  public double temperature() {
    return temperature;
  }

  /** MoCo v2's MLP head (§2: "a 2-layer MLP head (hidden layer 2048-d, with ReLU)"), scaled: Linear(F, 256) → ReLU → Linear(256, 128). */
  public static ProjectionHead defaultProjector() {
    return new ProjectionHead(Optional.of(List.of(DEFAULT_PROJECTOR_HIDDEN)), DEFAULT_PROJECTION_SIZE, false);
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(ModelContext context) {
    MomentumTwoViewModel network = MomentumTwoViewModel.build(context,
        context.head().orElseGet(MocoTask::defaultProjector), d -> Optional.empty(), MomentumUpdate.constant(momentum));
    long d = network.embeddingSize();
    RandomGenerator random = seeds.generator(QUEUE_STREAM);
    float[] keys = new float[Math.toIntExact(queueSize * d)];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (float) random.nextGaussian();
    }
    NDManager manager = context.manager();
    try (NDArray raw = manager.create(keys, new Shape(queueSize, d))) {
      return new Model(network, new ArrayState(Cosine.unitRows(raw), manager));
    }
  }

  @Override
  public List<TrainingHook> hooks(Block model) {
    Model m = (Model) model;
    return List.of(m.network.ema(), new TrainingHook() {
      @Override
      public void afterStep(StepContext context) {
        m.queue.replace(enqueued(m.queue.value(), context.predictions().get(1)));
      }
    });
  }

  @Override
  public Map<String, TaskState> taskState(Block model) {
    return Map.of("queue", ((Model) model).queue);
  }

  /**
   * The queue after a step: the step's keys, L2-normalised, first, then the newest K − B of the
   * old queue.
   *
   * @param queue (K, d)
   * @param keys (B, d), B <= K
   * @return a new (K, d) array in the keys' manager
   */
  static NDArray enqueued(NDArray queue, NDArray keys) {
    long k = queue.getShape().get(0);
    return Cosine.unitRows(keys.stopGradient()).concat(queue, 0).get(new NDIndex("0:{}", k));
  }

  /** The queue of a model this task built, (K, d). */
  static ArrayState queue(Block model) {
    return ((Model) model).queue;
  }

  /** The networks of a model this task built. */
  static MomentumTwoViewModel network(Block model) {
    return ((Model) model).network;
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return TwoViewBatch.prepare("MoCo", samples, augment, random);
  }

  @Override
  public Loss loss() {
    MocoInfoNceLoss infoNce = new MocoInfoNceLoss(temperature);
    return new Loss("MocoLoss") {
      /** Predictions (q, k, queue); each view's queries against the other view's keys, one mean over the 2N. */
      @Override
      public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions.size() != 3) {
          throw new IllegalArgumentException("MoCo's loss needs the predictions (q, k, queue), got "
              + predictions.size() + " arrays");
        }
        ViewHalves.samples(predictions.get(0).getShape(), "MoCo's loss", 1);
        return infoNce.evaluate(predictions.get(0), ViewHalves.swapped(predictions.get(1)), predictions.get(2));
      }
    };
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new EmbeddingStd());
  }

  /** The query and key networks and the queue; forward gives (q, k, a copy of the queue). */
  private static final class Model extends AbstractBlock {
    private final MomentumTwoViewModel network;
    private final ArrayState queue;

    Model(MomentumTwoViewModel network, ArrayState queue) {
      super((byte) 1);
      this.network = addChildBlock("network", network);
      this.queue = queue;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDList out = network.forward(store, inputs, training, params);
      NDArray negatives = queue.value().duplicate();
      negatives.attach(inputs.head().getManager());
      return new NDList(out.get(0), out.get(1), negatives);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
      network.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape[] out = network.getOutputShapes(inputShapes);
      return new Shape[] {out[0], out[1], queue.value().getShape()};
    }
  }
}
