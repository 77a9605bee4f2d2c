package io.pretext.core.nn.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pretext.core.nn.encoders.ResNetMini;
import io.pretext.api.nn.layers.Layers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times one SimCLR-shaped training step with DJL's PyTorch engine, to compare with the peer's
 * {@code bench_step.py}: resnet-mini(w) + Linear(4w,4w)-ReLU-Linear(4w,64) on a random batch of
 * 2N views of 1x28x28, NT-Xent (temperature 0.5), backward, Adam (lr 1e-3, wd 1e-6).
 * Augmentation is not included (the peer's takes ~7 ms of its step). Convolution weights are
 * channels-last views as {@code Layers} makes them; {@code nchw=true} uses contiguous weights.
 *
 * <p>Not a unit test. Run by hand with the test classpath:
 * <pre>
 * mvn -q -o -pl framework-api test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp framework-api/target/test-classes:framework-api/target/classes:$(cat /tmp/cp.txt) \
 *   io.pretext.core.nn.bench.StepBenchmark [views=512] [width=16] [threads=2] [warmup=5] [steps=20] [nchw=false] [verbose=false] [profile=file]
 * </pre>
 */
public final class StepBenchmark {
  private StepBenchmark() {}

  public static void main(String[] args) throws Exception {
    int views = intArg(args, "views", 512);
    int width = intArg(args, "width", 16);
    int threads = intArg(args, "threads", 2);
    int warmup = intArg(args, "warmup", 5);
    int steps = intArg(args, "steps", 20);
    String profile = strArg(args, "profile", null);
    boolean nchw = Boolean.parseBoolean(strArg(args, "nchw", "false"));
    boolean verbose = Boolean.parseBoolean(strArg(args, "verbose", "false"));
    Engine engine = BenchEngine.start(threads);
    Shape image = new Shape(1, 28, 28);
    Block net = new SequentialBlock().addAll(new ResNetMini(width).build(image),
        Layers.linear(4L * width, true), Layers.relu(), Layers.linear(64, true));
    if (nchw) {
      net.setInitializer(StepBenchmark::contiguousUniform,
          p -> p.getType() == ai.djl.nn.Parameter.Type.WEIGHT && p.getShape() == null);
    }
    try (Model model = Model.newInstance("bench", engine.getEngineName())) {
      model.setBlock(net);
      DefaultTrainingConfig config = new DefaultTrainingConfig(new L2Loss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(1e-6f).build());
      try (Trainer trainer = model.newTrainer(config); NDManager constants = model.getNDManager().newSubManager()) {
        Shape batch = new Shape(views).addAll(image);
        trainer.initialize(batch);
        NDArray positives = positivePairs(constants, views);
        NDArray selfMask = constants.eye(views).mul(-1e9f);
        List<Double> times = new ArrayList<>();
        float lastLoss = Float.NaN;
        for (int it = 0; it < warmup + steps; it++) {
          if (profile != null && it == warmup) {
            ai.djl.pytorch.jni.JniUtils.startProfile(false, false, false);
          }
          try (NDManager step = model.getNDManager().newSubManager()) {
            NDArray x = step.randomNormal(batch);
            long t0 = System.nanoTime();
            long tf;
            long tb;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray z = trainer.forward(new NDList(x)).singletonOrThrow();
              NDArray loss = ntXent(z, positives, selfMask, 0.5f);
              lastLoss = loss.getFloat();
              tf = System.nanoTime();
              gc.backward(loss);
              tb = System.nanoTime();
            }
            trainer.step();
            long t1 = System.nanoTime();
            if (it >= warmup) {
              times.add((t1 - t0) / 1e6);
            }
            if (verbose) {
              System.out.printf(Locale.ROOT, "step %d: forward+loss %.1f ms, backward %.1f ms, zero-grad+step %.1f ms%n",
                  it, (tf - t0) / 1e6, (tb - tf) / 1e6, (t1 - tb) / 1e6);
            }
          }
          if (profile != null && it == warmup + 2) {
            ai.djl.pytorch.jni.JniUtils.stopProfile(profile);
            profile = null;
          }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT,
            "{\"engine\":\"DJL %s PyTorch %s\",\"w\":%d,\"views\":%d,\"threads\":%d,\"step_ms_median\":%.1f,"
                + "\"step_ms_min\":%.1f,\"step_ms_max\":%.1f,\"views_per_s\":%.0f,\"loss_last\":%.4f}%n",
            Engine.getDjlVersion(), engine.getVersion(), width, views, threads, median, sorted[0],
            sorted[sorted.length - 1], views / median * 1000, lastLoss);
      }
    }
  }

  /** For comparison: the same uniform init with weights in contiguous NCHW layout (no channels-last). */
  static NDArray contiguousUniform(NDManager manager, Shape shape, ai.djl.ndarray.types.DataType type) {
    float bound = (float) (1 / Math.sqrt(shape.size() / shape.get(0)));
    return manager.randomUniform(-bound, bound, shape, type);
  }

  /** NT-Xent (Chen et al. 2020): cross-entropy of cosine/temperature logits, self excluded, positive = the other view. */
  static NDArray ntXent(NDArray z, NDArray positives, NDArray selfMask, float temperature) {
    NDArray unit = z.div(z.norm(new int[] {1}, true).maximum(1e-12f));
    NDArray logits = unit.matMul(unit.transpose()).div(temperature).add(selfMask);
    return logits.logSoftmax(1).mul(positives).sum().div(-z.getShape().get(0));
  }

  /** Row i has a one at i + N (mod 2N): the other view of the same image. */
  static NDArray positivePairs(NDManager manager, int views) {
    NDArray eye = manager.eye(views);
    int half = views / 2;
    return eye.get(half + ":").concat(eye.get(":" + half), 0);
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = strArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String strArg(String[] args, String name, String fallback) {
    return Arrays.stream(args).filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
        .findFirst().orElse(fallback);
  }
}
