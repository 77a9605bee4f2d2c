package io.pretext.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.pretext.api.onnx.LayerExporters;
import io.pretext.core.plugin.PluginLoader;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/** Test helpers: random weights, random inputs, and an independent Java vs ONNX Runtime comparison. */
final class OnnxTesting {
  private OnnxTesting() {}

  /** The writers of the built-in layers alone, through the plugin path (the built-in module's registrations). */
  static LayerExporters builtIn() {
    return new PluginLoader(java.util.List.of(new LayerExporterPlugins())).layerExporters();
  }

  /**
   * Initialises the block and replaces every parameter by seeded random values (in place, so a
   * channels-last weight keeps its layout), of trained-network magnitudes: weights uniform in
   * +-1/sqrt(fan_in), biases, shifts and running means in +-0.1, scales and running variances
   * in [0.5, 1.5), so batch norms do more than the identity.
   */
  static <B extends Block> B randomized(B block, NDManager manager, long seed, Shape... inputShapes) {
    block.initialize(manager, DataType.FLOAT32, inputShapes);
    Random random = new Random(seed);
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      Parameter.Type type = p.getValue().getType();
      Shape shape = a.getShape();
      float low;
      float width;
      if (type == Parameter.Type.RUNNING_VAR || type == Parameter.Type.GAMMA) {
        low = 0.5f;
        width = 1f;
      } else if (shape.dimension() >= 2) {
        float bound = (float) (1 / Math.sqrt((double) shape.size() / shape.get(0)));
        low = -bound;
        width = 2 * bound;
      } else {
        low = -0.1f;
        width = 0.2f;
      }
      float[] values = new float[Math.toIntExact(a.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = low + width * random.nextFloat();
      }
      try (NDArray fresh = manager.create(values, shape)) {
        a.muli(0).addi(fresh);
      }
    }
    return block;
  }

  /** Standard normal floats of the given shape. */
  static float[] normal(Shape shape, long seed) {
    Random random = new Random(seed);
    float[] v = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** Token ids (batch, length) in [1, vocabulary), each row but the first padded with 0 after a random length. */
  static long[] tokenIds(int batch, int length, int vocabulary, long seed) {
    Random random = new Random(seed);
    long[] ids = new long[batch * length];
    for (int row = 0; row < batch; row++) {
      int used = row == 0 ? length : 1 + random.nextInt(length);
      for (int t = 0; t < used; t++) {
        ids[row * length + t] = 1 + random.nextInt(vocabulary - 1);
      }
    }
    return ids;
  }

  /**
   * Runs the ONNX file in ONNX Runtime and the Java model on one input and returns the largest
   * |difference| over all outputs, checking that the output count and shapes agree.
   */
  static double maxDifference(Path onnx, Block model, String inputName, Shape shape, float[] floats, long[] ids)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    NDList expected;
    try (NDManager manager = NDManager.newBaseManager();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(onnx.toString(), options);
        OnnxTensor tensor = floats != null
            ? OnnxTensor.createTensor(env, FloatBuffer.wrap(floats), shape.getShape())
            : OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape.getShape())) {
      NDArray x = floats != null ? manager.create(floats, shape) : manager.create(ids, shape);
      expected = model.forward(new ParameterStore(manager, false), new NDList(x), false);
      try (OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
        if (result.size() != expected.size()) {
          throw new AssertionError("ONNX gives " + result.size() + " outputs, Java " + expected.size());
        }
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
          OnnxTensor actual = (OnnxTensor) result.get(i);
          long[] javaShape = expected.get(i).getShape().getShape();
          if (!Arrays.equals(javaShape, actual.getInfo().getShape())) {
            throw new AssertionError("output " + i + ": ONNX shape " + Arrays.toString(actual.getInfo().getShape())
                + ", Java " + Arrays.toString(javaShape));
          }
          float[] want = expected.get(i).duplicate().toFloatArray();
          FloatBuffer got = actual.getFloatBuffer();
          for (int j = 0; j < want.length; j++) {
            worst = Math.max(worst, Math.abs(want[j] - got.get(j)));
            if (Float.isNaN(got.get(j)) || Float.isNaN(want[j])) {
              return Double.POSITIVE_INFINITY;
            }
          }
        }
        return worst;
      }
    }
  }
}
