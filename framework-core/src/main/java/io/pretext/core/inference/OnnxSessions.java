package io.pretext.core.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.pretext.api.PretextUserException;
import io.pretext.core.integrity.RunManifest;
import io.pretext.core.onnx.LargeStack;
import io.pretext.core.onnx.OnnxIntegrity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opens exported models in ONNX Runtime on the requested {@link InferenceDevice}. {@code cuda} uses
 * the CUDA execution provider (present in the {@code onnxruntime_gpu} build, Maven profile {@code
 * gpu}) and fails with a clear message when the build lacks it or no GPU can be started; {@code auto}
 * tries CUDA the same way and falls back to the CPU with a one-line notice; {@code cpu} never tries.
 * ONNX Runtime's intra-op thread pool gets the given thread count (inter-op: 1).
 */
public final class OnnxSessions {
  /** Adds the CUDA execution provider to session options (ONNX Runtime's {@code addCUDA}). */
  @FunctionalInterface
  interface CudaProvider {
    void addTo(OrtSession.SessionOptions options) throws OrtException;
  }

  private final OrtEnvironment environment;
  private final Set<OrtProvider> available;
  private final CudaProvider cuda;
  private final Consumer<String> notices;

  /**
   * ONNX Runtime's native start-up runs on a large-stack thread ({@link LargeStack}: it can crash
   * on a default-size Java thread).
   *
   * @param notices receives the one-line notice when {@code auto} falls back to the CPU
   */
  public OnnxSessions(Consumer<String> notices) {
    this(LargeStack.call("onnxruntime-start", OrtEnvironment::getEnvironment), OrtEnvironment.getAvailableProviders(),
        OrtSession.SessionOptions::addCUDA, notices);
  }

  OnnxSessions(OrtEnvironment environment, Set<OrtProvider> available, CudaProvider cuda, Consumer<String> notices) {
    this.environment = environment;
    this.available = Set.copyOf(available);
    this.cuda = cuda;
    this.notices = notices;
  }

  /**
   * Opens a model written by {@code pretext export}.
   *
   * @param threads ONNX Runtime's intra-op threads (at least 1)
   * @throws PretextUserException when the file is missing or not an ONNX model, has no pretext
   *     metadata, or {@code cuda} was asked for and cannot be used
   */
  public EncoderSession open(Path model, InferenceDevice device, int threads) {
    if (!Files.isRegularFile(model)) {
      throw new PretextUserException("The model file " + model + " does not exist. Export one with 'pretext export RUN_DIR'"
          + " (it writes RUN_DIR/export/encoder.onnx).");
    }
    OnnxIntegrity.verify(model);
    RunManifest.verifyIfListed(model);
    if (threads < 1) {
      throw new PretextUserException("The thread count must be at least 1, got " + threads + ".");
    }
    if (device != InferenceDevice.CPU) {
      String reason;
      if (!available.contains(OrtProvider.CUDA)) {
        reason = "this ONNX Runtime build has no CUDA execution provider (it is the CPU build; build pretext with"
            + " 'mvn -Pgpu package' for the GPU one)";
      } else {
        try {
          return session(model, threads, true);
        } catch (OrtException | LinkageError e) {
          reason = "ONNX Runtime could not start its CUDA execution provider (" + e.getMessage()
              + "); check that a GPU, its driver, CUDA 12 and cuDNN 9 are installed";
        }
      }
      if (device == InferenceDevice.CUDA) {
        throw new PretextUserException("--device cuda: " + reason + ". Use --device cpu or --device auto.");
      }
      notices.accept("device auto: " + reason + "; running on the CPU.");
    }
    try {
      return session(model, threads, false);
    } catch (OrtException e) {
      throw new PretextUserException("ONNX Runtime cannot load " + model + " as an ONNX model: " + e.getMessage()
          + ". Give a file written by 'pretext export RUN_DIR'.", e);
    }
  }

  private EncoderSession session(Path model, int threads, boolean onCuda) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (onCuda) {
        cuda.addTo(options);
      }
      OrtSession session = environment.createSession(model.toString(), options);
      try {
        ModelMetadata metadata = ModelMetadata.of(session.getMetadata().getCustomMetadata(), model);
        return new EncoderSession(environment, session, metadata, onCuda ? "CUDA" : "CPU");
      } catch (RuntimeException | OrtException e) {
        session.close();
        throw e;
      }
    }
  }
}
