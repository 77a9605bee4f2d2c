package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Image;
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
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * DINO (Caron et al. 2021, "Emerging Properties in Self-Supervised Vision Transformers"):
 * self-distillation without labels. A student g_s (encoder, MLP head, L2-normalised bottleneck, K
 * prototypes: {@link DinoPrototypes}) is trained to match, on every other view, the output of a
 * teacher g_t on the global views; the teacher is the EMA of the student (momentum 0.996 to 1 on a
 * cosine, eq. 2 and §3.1, {@link MomentumUpdate}). The teacher's output is centred (eq. 4, {@link
 * DinoCenter}, momentum 0.9) and sharpened by a temperature warmed up linearly from 0.04 to 0.07;
 * the loss is the cross-entropy of eq. 3 ({@link DinoLoss}, student temperature 0.1). Multi-crop:
 * {@link MultiCrop}.
 *
 * <p>The centre is task state (checkpointed); the teacher temperature follows the step alone, set
 * by this task's hook before each step: at step k (from 1) of an epoch of S steps it is {@code
 * start + (end − start)·min(1, (k − 1)/(W·S))} for W warm-up epochs (the paper's per-epoch ramp,
 * per step).
 */
public final class DinoTask implements PretextTask {
  /** The default projector before the bottleneck: Linear(F, 256) → ReLU → Linear(256, 256) → ReLU → Linear(256, 64). */
  public static final List<Long> DEFAULT_HIDDEN = List.of(256L, 256L);
  /** The default bottleneck size. */
  public static final long DEFAULT_BOTTLENECK = 64;

  private final Settings settings;

  /**
   * @param prototypes K, >= 1
   * @param normalizePrototypes whether the last layer is weight-normalised (gain 1) or plain
   * @param teacherMomentum the EMA's base momentum m0 in [0, 1] (cosine to 1)
   * @param centerMomentum the centre's momentum in [0, 1)
   * @param studentTemperature tau_s > 0
   * @param teacherTemperatureStart tau_t at the start of the warm-up, > 0
   * @param teacherTemperatureEnd tau_t after it, > 0
   * @param warmupEpochs W >= 0
   * @param crops the views of each image
   */
  public record Settings(long prototypes, boolean normalizePrototypes, double teacherMomentum, double centerMomentum,
      double studentTemperature, double teacherTemperatureStart, double teacherTemperatureEnd, double warmupEpochs,
      MultiCrop crops) {
    public Settings {
      if (prototypes < 1 || !(teacherMomentum >= 0 && teacherMomentum <= 1) || !(warmupEpochs >= 0)
          || !(teacherTemperatureStart > 0) || !(teacherTemperatureEnd > 0)) {
        throw new IllegalArgumentException("DINO settings out of range: " + prototypes + " prototypes, teacher momentum "
            + teacherMomentum + ", teacher temperature " + teacherTemperatureStart + " to " + teacherTemperatureEnd
            + " over " + warmupEpochs + " epochs");
      }
      new DinoCenter(centerMomentum);
      new DinoLoss(studentTemperature, DinoLoss.DEFAULT_GLOBAL_VIEWS);
    }
  }

  public DinoTask(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** The teacher temperature of step {@code step} (from 1) with {@code stepsPerEpoch} steps an epoch. */
  public double teacherTemperature(long step, long stepsPerEpoch) {
    double warmupSteps = settings.warmupEpochs() * stepsPerEpoch;
    double done = warmupSteps <= 0 ? 1 : Math.min(1, (step - 1) / warmupSteps);
    return done >= 1 ? settings.teacherTemperatureEnd()
        : settings.teacherTemperatureStart() + (settings.teacherTemperatureEnd() - settings.teacherTemperatureStart()) * done;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  /** With global crops of its own, the encoder sees them: (C, size, size); else the augmented sample. */
  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    return settings.crops().global().map(g -> new Shape(sampleShape.get(0), g.size(), g.size())).orElse(sampleShape);
  }

  @Override
  public Block buildModel(ModelContext context) {
    Block teacher = context.newEncoder();
    Block studentHead = head(context);
    Block teacherHead = head(context);
    MomentumUpdate ema = MomentumUpdate.cosine(settings.teacherMomentum()).pair(context.encoder(), teacher)
        .pair(studentHead, teacherHead);
    NDManager manager = context.manager();
    ArrayState center = new ArrayState(manager.zeros(new Shape(1, settings.prototypes()), DataType.FLOAT32), manager);
    return new DinoModel(context.encoder(), studentHead, teacher, teacherHead, ema, center,
        settings.teacherTemperatureStart());
  }

  private Block head(ModelContext context) {
    Block projector = context.head().orElseGet(() -> new ProjectionHead(Optional.of(DEFAULT_HIDDEN),
        DEFAULT_BOTTLENECK, false)).build(context.featureSize(), 0);
    return new SequentialBlock().add(projector).add(new DinoPrototypes(settings.prototypes(),
        settings.normalizePrototypes()));
  }

  @Override
  public List<TrainingHook> hooks(Block model) {
    DinoModel dino = (DinoModel) model;
    DinoCenter centering = new DinoCenter(settings.centerMomentum());
    TrainingHook schedule = new TrainingHook() {
      @Override
      public void beforeStep(StepContext context) {
        dino.teacherTemperature(teacherTemperature(context.step(), context.stepsPerEpoch()));
      }

      @Override
      public void afterStep(StepContext context) {
        NDArray center = dino.center().value().duplicate();
        center.attach(context.scope());
        dino.center().replace(centering.update(center, context.predictions().get(1)));
      }
    };
    return List.of(schedule, dino.ema());
  }

  @Override
  public Map<String, TaskState> taskState(Block model) {
    return Map.of("center", ((DinoModel) model).center());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    return settings.crops().prepare(samples, augment, random);
  }

  /** {@link DinoLoss} on the model's outputs (student, teacher, centre, teacher temperature). */
  @Override
  public Loss loss() {
    DinoLoss loss = new DinoLoss(settings.studentTemperature(), DinoLoss.DEFAULT_GLOBAL_VIEWS);
    return new Loss("DinoLoss") {
      @Override
      public NDArray evaluate(NDList labels, NDList predictions) {
        return loss.evaluate(predictions.get(0), predictions.get(1), predictions.get(2), predictions.get(3).getFloat());
      }
    };
  }
}
