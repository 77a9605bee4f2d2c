package io.pretext.core.onnx.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.pretext.core.nn.bench.BenchEngine;
import io.pretext.core.nn.encoders.ResNetMini;
import io.pretext.core.nn.encoders.TextTransformer;
import io.pretext.core.onnx.ExportInput;
import io.pretext.core.onnx.OnnxExporter;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Inference speed of an exported encoder in ONNX Runtime (CPU) against the same model in DJL's
 * PyTorch engine, with the same thread count: batch-1 latency (median ms per call) and batch-64
 * throughput (samples/s from the median ms per batch). Warm-up calls are not timed; the two
 * engines alternate in rounds so that a noisy neighbour affects both. Each timed call includes
 * creating the input tensor from a Java array and reading the output back into one.
 *
 * <p>Models: {@code resnet-mini} (width 16, 1x28x28, PROTOCOL.md) and {@code transformer} (the
 * text encoder's defaults: vocabulary 8005, length 48, D 128, 2 layers, 4 heads, F 512), with
 * seeded random weights. Not a unit test; {@code bench/onnx-inference.sh} runs it:
 * <pre>
 * java -cp ... io.pretext.core.onnx.bench.InferenceBenchmark [model=resnet-mini|transformer] [threads=2]
 *   [warmup=50] [calls=300] [batch-calls=30] [rounds=3] [opt=all|extended|basic|none] [reload=true]
 *   [profile=PREFIX (ONNX Runtime's per-node profile, JSON)] [djl=true] [cpu=false (threads=1 only)]
 * </pre>
 */
public final class InferenceBenchmark {
  private static final int BIG_BATCH = 64;
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  private static boolean cpuClock;

  private InferenceBenchmark() {}

  public static void main(String[] args) throws Exception {
    String modelName = arg(args, "model", "resnet-mini");
    int threads = Integer.parseInt(arg(args, "threads", "2"));
    int warmup = Integer.parseInt(arg(args, "warmup", "50"));
    int calls = Integer.parseInt(arg(args, "calls", "300"));
    int batchCalls = Integer.parseInt(arg(args, "batch-calls", "30"));
    int rounds = Integer.parseInt(arg(args, "rounds", "3"));
    String opt = arg(args, "opt", "all");
    cpuClock = Boolean.parseBoolean(arg(args, "cpu", "false"));
    if (cpuClock && threads != 1) {
      throw new IllegalArgumentException("cpu=true measures the calling thread only: use it with threads=1");
    }
    BenchEngine.start(threads);

    boolean text = modelName.equals("transformer");
    Shape sample = text ? new Shape(48) : new Shape(1, 28, 28);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = text
          ? new TextTransformer(8005, 48, 128, 2, 4, 512, 0.1f).build(sample)
          : new ResNetMini(16).build(sample);
      model.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(sample));
      if (Boolean.parseBoolean(arg(args, "reload", "true"))) {
        reload(model, manager);
      }
      Path file = Files.createTempFile("bench-" + modelName, ".onnx");
      ExportInput input = text ? ExportInput.text(48) : ExportInput.image(sample);
      new OnnxExporter().export(model, input, Map.of(), file);

      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(level(opt));
        String profile = arg(args, "profile", null);
        if (profile != null) {
          options.enableProfiling(profile);
        }
        try (OrtSession session = env.createSession(file.toString(), options)) {
          Inputs one = Inputs.random(1, sample, text);
          Inputs big = Inputs.random(BIG_BATCH, sample, text);
          List<Double> djl1 = new ArrayList<>();
          List<Double> ort1 = new ArrayList<>();
          List<Double> djl64 = new ArrayList<>();
          List<Double> ort64 = new ArrayList<>();
          boolean withDjl = Boolean.parseBoolean(arg(args, "djl", "true"));
          for (int r = 0; r < rounds; r++) {
            if (withDjl) {
              djl1.addAll(time(() -> djl(model, one), warmup, calls));
              djl64.addAll(time(() -> djl(model, big), Math.max(3, warmup / 10), batchCalls));
            }
            ort1.addAll(time(() -> ort(env, session, input.name(), one), warmup, calls));
            ort64.addAll(time(() -> ort(env, session, input.name(), big), Math.max(3, warmup / 10), batchCalls));
          }
          double d1 = withDjl ? median(djl1) : Double.NaN;
          double o1 = median(ort1);
          double d64 = withDjl ? BIG_BATCH * 1000 / median(djl64) : Double.NaN;
          double o64 = BIG_BATCH * 1000 / median(ort64);
          System.out.printf(Locale.ROOT, "| %s | %d%s | %s | %.3f | %.3f | %.2fx | %.0f | %.0f | %.2fx |%n",
              modelName, threads, cpuClock ? " (CPU time)" : "", opt, d1, o1, o1 / d1, d64, o64, o64 / d64);
        }
      }
      Files.deleteIfExists(file);
    }
  }

  /**
   * Saves and loads the parameters, as an encoder read from {@code encoder.params} is: its
   * convolution weights are then contiguous NCHW rather than the channels-last views of a fresh
   * initialisation (see Layers).
   */
  private static void reload(Block model, NDManager manager) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      model.saveParameters(out);
    }
    try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      model.loadParameters(manager, in);
    }
  }

  /** One input as a Java array, for both engines. */
  private record Inputs(Shape shape, float[] floats, long[] ids) {
    static Inputs random(int batch, Shape sample, boolean text) {
      Shape shape = new Shape(batch).addAll(sample);
      Random random = new Random(batch);
      int n = Math.toIntExact(shape.size());
      if (text) {
        long[] ids = new long[n];
        int length = (int) sample.get(0);
        for (int row = 0; row < batch; row++) {
          int used = length / 2 + random.nextInt(length / 2 + 1);
          for (int t = 0; t < used; t++) {
            ids[row * length + t] = 1 + random.nextInt(8004);
          }
        }
        return new Inputs(shape, null, ids);
      }
      float[] floats = new float[n];
      for (int i = 0; i < n; i++) {
        floats[i] = (float) random.nextGaussian();
      }
      return new Inputs(shape, floats, null);
    }
  }

  private static float[] djl(Block model, Inputs in) {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray x = in.floats != null ? scope.create(in.floats, in.shape) : scope.create(in.ids, in.shape);
      NDList out = model.forward(new ParameterStore(scope, false), new NDList(x), false);
      return out.get(0).toFloatArray();
    }
  }

  private static float[] ort(OrtEnvironment env, OrtSession session, String name, Inputs in) {
    try (OnnxTensor x = in.floats != null
            ? OnnxTensor.createTensor(env, FloatBuffer.wrap(in.floats), in.shape.getShape())
            : OnnxTensor.createTensor(env, LongBuffer.wrap(in.ids), in.shape.getShape());
        OrtSession.Result result = session.run(Map.of(name, x))) {
      FloatBuffer features = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] out = new float[features.remaining()];
      features.get(out);
      return out;
    } catch (ai.onnxruntime.OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Call {
    float[] run();
  }

  /**
   * Milliseconds of each timed call, after the warm-up calls: wall-clock time, or with {@code
   * cpu} the calling thread's CPU time, which with one compute thread (both engines then compute
   * on the caller) is what the call costs without the time other processes took the core.
   */
  private static List<Double> time(Call call, int warmup, int calls) {
    float sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += call.run()[0];
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long t0 = cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
      sink += call.run()[0];
      ms.add(((cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e6);
    }
    if (Float.isNaN(sink)) {
      System.err.println("NaN output");
    }
    return ms;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static OrtSession.SessionOptions.OptLevel level(String name) {
    return switch (name) {
      case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
      case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
      case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
      case "all" -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
      default -> throw new IllegalArgumentException("opt must be none, basic, extended or all, got " + name);
    };
  }

  private static String arg(String[] args, String name, String fallback) {
    return Arrays.stream(args).filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
        .findFirst().orElse(fallback);
  }
}
