package io.pretext.downstream;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.InputBatcher;
import io.pretext.api.transfer.PretrainedWeights;
import io.pretext.api.transfer.TransferContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small synthetic data and contexts for the downstream tests. */
final class Fixtures {
  static final Shape IMAGE = new Shape(1, 8, 8);

  private Fixtures() {}

  /**
   * Labeled 1×8×8 images: class c has a bright horizontal bar at row 2c (c < 4) over noise, so the
   * classes are easy to tell apart. Samples are in class order repeated: i % classes.
   */
  static ImageDataset images(int count, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] px = new byte[count * 64];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int c = i % classes;
      labels[i] = c;
      for (int p = 0; p < 64; p++) {
        int y = p / 8;
        int v = random.nextInt(60) + (y == 2 * c || y == 2 * c + 1 ? 160 : 0);
        px[i * 64 + p] = (byte) Math.min(255, v);
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class-" + c);
    }
    return new ImageDataset(1, 8, 8, px, labels, names);
  }

  static EngineSetup engine() {
    return new EngineSetup(new RuntimeSettings(3, 1, "cpu", Path.of("unused")));
  }

  /** A context whose "pretrained" weights are a seeded initialization of the encoder. */
  static TransferContext context(Encoder encoder, long seed) {
    EngineSetup engine = engine();
    engine.start().setRandomSeed((int) seed);
    PretrainedWeights weights;
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = encoder.build(IMAGE);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
      weights = PretrainedWeights.of(block);
    }
    return new TransferContext(encoder, IMAGE, weights, AugmentPipeline.identity(), InputBatcher.images(),
        new SeedSource(seed), engine);
  }

  /** Every parameter's values by name. */
  static Map<String, float[]> parameters(Block block) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** The largest absolute difference between two parameter sets with the same names. */
  static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    double max = 0;
    for (Map.Entry<String, float[]> e : a.entrySet()) {
      float[] x = e.getValue();
      float[] y = b.get(e.getKey());
      if (y == null || y.length != x.length) {
        throw new AssertionError("parameter " + e.getKey() + " differs in shape");
      }
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}
