package io.pretext.masking.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pretext.core.nn.encoders.TextTransformer;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.masking.MaskedLanguageModel;
import io.pretext.masking.MaskedTokenLoss;
import io.pretext.masking.TokenHead;
import java.util.Arrays;
import java.util.Random;

/**
 * Times one MLM training step (the benchmark's model: V 8005, d 128, 2 layers, 4 heads, ff 512)
 * on random ids of (batch, length) with 15% of the positions selected: forward, loss, backward,
 * AdamW. Not a unit test; run by hand with the test classpath:
 * <pre>
 * mvn -q -o -pl pretext-masking -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp pretext-masking/target/test-classes:pretext-masking/target/classes:framework-api/target/classes:$(cat /tmp/cp.txt) \
 *   io.pretext.masking.bench.MlmStepBenchmark [batch=128] [length=48] [threads=2] [steps=20]
 * </pre>
 */
public final class MlmStepBenchmark {
  private MlmStepBenchmark() {}

  public static void main(String[] args) {
    int batch = arg(args, "batch", 128);
    int length = arg(args, "length", 48);
    int threads = arg(args, "threads", 2);
    int steps = arg(args, "steps", 20);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
    String cache = System.getProperty("user.home") + "/.cache/pretext/djl";
    System.setProperty("DJL_CACHE_DIR", cache);
    System.setProperty("ENGINE_CACHE_DIR", cache);
    Engine.getEngine("PyTorch").setRandomSeed(0);
    TransformerEncoder encoder = new TextTransformer(8005, 48, 128, 2, 4, 512, 0.1f).build(new Shape(48));
    MaskedLanguageModel net = new MaskedLanguageModel(encoder, TokenHead.tied(encoder.getTokens()));
    Random random = new Random(0);
    long[] ids = new long[batch * length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 5 + random.nextInt(8000);
    }
    int m = (int) (0.15 * batch * length);
    long[] positions = new long[m];
    long[] targets = new long[m];
    for (int i = 0; i < m; i++) {
      positions[i] = random.nextInt(batch * length);
      targets[i] = ids[(int) positions[i]];
    }
    try (Model model = Model.newInstance("bench")) {
      model.setBlock(net);
      DefaultTrainingConfig config = new DefaultTrainingConfig(new MaskedTokenLoss())
          .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.01f).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batch, length), new Shape(m));
        double[] ms = new double[steps];
        for (int s = -3; s < steps; s++) {
          long t0 = System.nanoTime();
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList in = new NDList(scope.create(ids, new Shape(batch, length)), scope.create(positions));
            NDList labels = new NDList(scope.create(targets));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(in, labels));
              gc.backward(loss);
            }
            trainer.step();
          }
          if (s >= 0) {
            ms[s] = (System.nanoTime() - t0) / 1e6;
          }
        }
        Arrays.sort(ms);
        System.out.printf("batch %d length %d threads %d: median step %.1f ms (min %.1f, max %.1f)%n", batch, length,
            threads, ms[steps / 2], ms[0], ms[steps - 1]);
      }
    }
  }

  private static int arg(String[] args, String name, int fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return Integer.parseInt(a.substring(name.length() + 1));
      }
    }
    return fallback;
  }
}
