package io.pretext.core.testplugin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
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
import java.util.random.RandomGenerator;

/**
 * A BYOL-shaped test task (Grill et al. 2020, without augmentations): an online encoder and
 * predictor regress the output of an EMA target encoder; a DINO-style centre (Caron et al. 2021)
 * of the target's outputs is kept as task state. Two probe hooks, given by the test, run right
 * before and right after the EMA.
 */
public final class EmaTargetTask implements PretextTask {
  /** The centre's momentum. */
  public static final float CENTRE_MOMENTUM = 0.9f;
  private final double baseMomentum;
  private final TrainingHook beforeEma;
  private final TrainingHook afterEma;

  /** The model: [predictor(online(x)), target(x)], and what its hooks and state act on. */
  public static final class Model extends ParallelBlock {
    private final Block online;
    private final Block target;
    private final MomentumUpdate ema;
    private final ArrayState centre;

    Model(Block online, Block predictor, Block target, MomentumUpdate ema, ArrayState centre) {
      super(outs -> new NDList(outs.get(0).singletonOrThrow(), outs.get(1).singletonOrThrow()),
          List.of(new SequentialBlock().add(online).add(predictor), target));
      this.online = online;
      this.target = target;
      this.ema = ema;
      this.centre = centre;
    }

    public Block online() {
      return online;
    }

    public Block target() {
      return target;
    }

    public ArrayState centre() {
      return centre;
    }
  }

  /**
   * @param baseMomentum the EMA's base momentum (cosine schedule to 1)
   * @param beforeEma a probe run before the EMA hook
   * @param afterEma a probe run after the EMA and centre hooks
   */
  public EmaTargetTask(double baseMomentum, TrainingHook beforeEma, TrainingHook afterEma) {
    this.baseMomentum = baseMomentum;
    this.beforeEma = beforeEma;
    this.afterEma = afterEma;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  @Override
  public Block buildModel(ModelContext context) {
    Block target = context.newEncoder();
    MomentumUpdate ema = MomentumUpdate.cosine(baseMomentum).pair(context.encoder(), target);
    Block predictor = Linear.builder().setUnits(context.featureSize()).build();
    ArrayState centre = new ArrayState(context.manager().zeros(new Shape(context.featureSize()), DataType.FLOAT32),
        context.manager());
    return new Model(context.encoder(), predictor, target, ema, centre);
  }

  @Override
  public List<TrainingHook> hooks(Block model) {
    Model m = (Model) model;
    TrainingHook centre = new TrainingHook() {
      @Override
      public void afterStep(StepContext context) {
        NDManager scope = context.scope();
        NDArray mean = context.predictions().get(1).mean(new int[] {0});
        NDArray share = mean.mul(scope.full(new Shape(), 1 - CENTRE_MOMENTUM, DataType.FLOAT32));
        m.centre().value().muli(scope.full(new Shape(), CENTRE_MOMENTUM, DataType.FLOAT32)).addi(share);
      }
    };
    return List.of(beforeEma, m.ema, centre, afterEma);
  }

  @Override
  public Map<String, TaskState> taskState(Block model) {
    return Map.of("centre", ((Model) model).centre());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    Image first = (Image) samples.get(0);
    int size = first.pixels().length;
    float[] inputs = new float[samples.size() * size];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(augment.apply((Image) samples.get(i), random).pixels(), 0, inputs, i * size, size);
    }
    return new TrainingBatch(List.of(HostTensor.ofFloats(inputs, samples.size(), first.channels(), first.height(),
        first.width())), List.of(HostTensor.ofInts(new int[samples.size()], samples.size())), samples.size());
  }

  /** The mean squared difference of the L2-normalized prediction and target, the target held fixed. */
  @Override
  public Loss loss() {
    return new Loss("ema-regression") {
      @Override
      public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray p = normalize(predictions.get(0));
        NDArray t = normalize(predictions.get(1).stopGradient());
        return p.sub(t).square().sum(new int[] {1}).mean();
      }
    };
  }

  private static NDArray normalize(NDArray x) {
    NDArray eps = x.getManager().full(new Shape(), 1e-6f, DataType.FLOAT32);
    return x.div(x.square().sum(new int[] {1}, true).sqrt().add(eps));
  }
}
