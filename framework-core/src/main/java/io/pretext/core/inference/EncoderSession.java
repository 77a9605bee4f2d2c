package io.pretext.core.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.pretext.api.PretextUserException;
import io.pretext.api.onnx.InputSignature;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * An exported pretext model opened in ONNX Runtime on one device: its metadata, and batches in
 * (float images or int64 token ids, batch axis first), the first output out. Not thread-safe: one
 * batch at a time; close it when done. Opened by {@link OnnxSessions}.
 */
public final class EncoderSession implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final ModelMetadata metadata;
  private final InputSignature input;
  private final String device;
  private final String inputName;

  EncoderSession(OrtEnvironment environment, OrtSession session, ModelMetadata metadata, String device) {
    this.environment = environment;
    this.session = session;
    this.metadata = metadata;
    this.input = metadata.input(); // parsed once, checked against every batch
    this.device = device;
    this.inputName = session.getInputNames().iterator().next();
  }

  /** What the model says about itself. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The execution provider the session runs on: {@code CUDA} or {@code CPU}. */
  public String device() {
    return device;
  }

  /** A batch of float inputs of the given shape (batch axis first). */
  public FeatureBatch run(float[] values, long... shape) {
    requireType(false);
    try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape)) {
      return run(input);
    } catch (OrtException e) {
      throw failure(shape, e);
    }
  }

  /** A batch of int64 token ids of the given shape (batch, sequence). */
  public FeatureBatch run(long[] ids, long... shape) {
    requireType(true);
    try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape)) {
      return run(input);
    } catch (OrtException e) {
      throw failure(shape, e);
    }
  }

  private FeatureBatch run(OnnxTensor input) throws OrtException {
    try (OrtSession.Result result = session.run(Map.of(inputName, input))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      long[] shape = ((TensorInfo) out.getInfo()).getShape();
      FloatBuffer buffer = out.getFloatBuffer();
      float[] values = new float[buffer.remaining()];
      buffer.get(values);
      int rows = (int) shape[0];
      return new FeatureBatch(values, rows, rows == 0 ? 0 : values.length / rows);
    }
  }

  private void requireType(boolean tokenIds) {
    if (input.isTokenIds() != tokenIds) {
      throw new PretextUserException("The model takes " + input + " but was given "
          + (tokenIds ? "token ids" : "images") + "; use " + (tokenIds ? "an image" : "a text") + " model for this input.");
    }
  }

  private PretextUserException failure(long[] shape, OrtException e) {
    return new PretextUserException("ONNX Runtime could not run the model on a batch of shape "
        + java.util.Arrays.toString(shape) + " (the model takes " + input + "): " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX Runtime session", e);
    }
  }
}
