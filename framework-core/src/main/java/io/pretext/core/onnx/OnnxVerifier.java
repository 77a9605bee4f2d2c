package io.pretext.core.onnx;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.onnx.OnnxExportException;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.pretext.api.onnx.ExportScope;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a serialised ONNX model in ONNX Runtime (CPU) and the Java model on the same inputs and
 * measures the largest absolute difference over every output element.
 */
final class OnnxVerifier {
  private final OrtEnvironment env;

  /** Call on a thread with a large stack (see {@link LargeStack}): it may start ONNX Runtime. */
  OnnxVerifier() {
    env = OrtEnvironment.getEnvironment();
  }

  /** The outcome: the largest difference (infinite when a value is NaN or a shape differs) and one line per input. */
  record Outcome(double maxAbsDifference, List<String> checks) {}

  /**
   * @param model the Java model, run in inference mode
   * @param onnx the serialised model
   * @param inputName the graph input's name
   * @param inputs the verification inputs, batch axis included
   */
  Outcome verify(Block model, byte[] onnx, String inputName, List<VerificationInput> inputs) {
    double worst = 0;
    List<String> checks = new ArrayList<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(onnx, options)) {
      for (VerificationInput input : inputs) {
        double diff = compare(model, session, inputName, input);
        checks.add(input.description() + ": max |diff| " + String.format(Locale.ROOT, "%.3g", diff));
        worst = Math.max(worst, diff);
      }
    } catch (OrtException e) {
      throw new OnnxExportException("ONNX Runtime could not run the exported graph: " + e.getMessage()
          + ". This is a bug in an exporter; nothing was written.", e);
    }
    return new Outcome(worst, checks);
  }

  private double compare(Block model, OrtSession session, String inputName, VerificationInput input)
      throws OrtException {
    List<float[]> expected = new ArrayList<>();
    List<Shape> expectedShapes = new ArrayList<>();
    try (NDManager manager = managerFor(model)) {
      NDArray x = input.toNDArray(manager);
      NDList out = model.forward(new ParameterStore(manager, false), new NDList(x), false);
      for (NDArray a : out) {
        expectedShapes.add(a.getShape());
        expected.add(ExportScope.floats(a));
      }
    }
    try (OnnxTensor tensor = input.toTensor(env); OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      if (result.size() != expected.size()) {
        return Double.POSITIVE_INFINITY;
      }
      double worst = 0;
      for (int i = 0; i < expected.size(); i++) {
        OnnxTensor actual = (OnnxTensor) result.get(i);
        if (!Arrays.equals(actual.getInfo().getShape(), expectedShapes.get(i).getShape())) {
          return Double.POSITIVE_INFINITY;
        }
        worst = Math.max(worst, maxAbsDifference(expected.get(i), actual.getFloatBuffer()));
      }
      return worst;
    }
  }

  /** A manager on the model's device: under its parameters' manager (a parameterless model: the CPU). */
  private static NDManager managerFor(Block model) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getValue().isInitialized()) {
        return p.getValue().getArray().getManager().newSubManager();
      }
    }
    return NDManager.newBaseManager(Device.cpu());
  }

  /** The largest |a - b|; infinite when either side has a NaN or an infinity. */
  static double maxAbsDifference(float[] expected, FloatBuffer actual) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs((double) expected[i] - actual.get(i));
      if (!Double.isFinite(d)) {
        return Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, d);
    }
    return worst;
  }
}
