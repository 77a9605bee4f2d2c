package io.pretext.core.inference;

import io.pretext.api.onnx.InputSignature;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.pretext.api.PretextUserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ONNX Runtime (the CPU build on this machine) on a hand-written one-node model. */
class OnnxSessionsTest {
  private static final float[] W = {1, 2, 3, 4, 5, 6}; // 3 x 2
  private static final Map<String, String> METADATA = Map.of(ModelMetadata.INPUT, "float32[batch,3]",
      ModelMetadata.TASK, "simclr", "unrelated", "kept out");

  @TempDir
  Path dir;
  private Path model;
  private final List<String> notices = new ArrayList<>();

  @BeforeEach
  void writeModel() throws Exception {
    model = TinyOnnxModel.write(dir.resolve("tiny.onnx"), W, 3, 2, METADATA);
  }

  @Test
  void runsABatchOnTheCpuAndReadsThePretextMetadata() {
    try (EncoderSession s = new OnnxSessions(notices::add).open(model, InferenceDevice.CPU, 1)) {
      assertEquals("CPU", s.device());
      assertEquals("simclr", s.metadata().task());
      assertEquals(InputSignature.parse("float32[batch,3]"), s.metadata().input());
      assertFalse(s.metadata().values().containsKey("unrelated"));
      FeatureBatch out = s.run(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
      assertEquals(2, out.rows());
      assertEquals(2, out.cols());
      assertArrayEquals(new float[] {1, 2, 8, 10}, out.values());
      assertEquals(7, s.run(new float[21], 7, 3).rows(), "dynamic batch");
    }
    assertTrue(notices.isEmpty());
  }

  @Test
  void cudaIsUsedOrRefusedClearlyAndAutoFallsBackWithANotice() {
    // The default build is ONNX Runtime's CPU build; with -Pgpu it is the CUDA build, which on a
    // machine without CUDA libraries or a GPU (as here) cannot start its provider.
    boolean gpuBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    OnnxSessions sessions = new OnnxSessions(notices::add);
    String why = gpuBuild ? "ONNX Runtime could not start its CUDA execution provider"
        : "this ONNX Runtime build has no CUDA execution provider";
    try (EncoderSession s = sessions.open(model, InferenceDevice.CUDA, 1)) {
      assertTrue(gpuBuild, "CUDA opened although the build has no CUDA provider");
      assertEquals("CUDA", s.device());
      assertArrayEquals(new float[] {1, 2}, s.run(new float[] {1, 0, 0}, 1, 3).values(), 1e-6f);
      return; // a real GPU: nothing falls back
    } catch (PretextUserException e) {
      assertTrue(e.getMessage().startsWith("--device cuda: " + why), e.getMessage());
      assertTrue(e.getMessage().contains(gpuBuild ? "GPU" : "-Pgpu"), e.getMessage());
    }
    try (EncoderSession s = sessions.open(model, InferenceDevice.AUTO, 1)) {
      assertEquals("CPU", s.device());
    }
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).startsWith("device auto: " + why), notices.get(0));
    assertTrue(notices.get(0).endsWith("running on the CPU."), notices.get(0));
  }

  @Test
  void aCudaProviderThatCannotStartIsAnErrorForCudaAndAFallbackForAuto() {
    // A build that claims CUDA, with ONNX Runtime's real addCUDA, which fails here (no CUDA library, no GPU).
    OnnxSessions sessions = new OnnxSessions(OrtEnvironment.getEnvironment(),
        EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA), OrtSession.SessionOptions::addCUDA, notices::add);
    PretextUserException e = assertThrows(PretextUserException.class, () -> sessions.open(model, InferenceDevice.CUDA, 1));
    assertTrue(e.getMessage().startsWith("--device cuda: ONNX Runtime could not start its CUDA execution provider"),
        e.getMessage());
    try (EncoderSession s = sessions.open(model, InferenceDevice.AUTO, 2)) {
      assertEquals("CPU", s.device());
      assertArrayEquals(new float[] {1, 2}, s.run(new float[] {1, 0, 0}, 1, 3).values());
    }
    assertEquals(1, notices.size());
  }

  @Test
  void badFilesAreUserErrorsNamingTheFile() throws Exception {
    OnnxSessions sessions = new OnnxSessions(notices::add);
    Path missing = dir.resolve("missing.onnx");
    assertTrue(assertThrows(PretextUserException.class, () -> sessions.open(missing, InferenceDevice.CPU, 1))
        .getMessage().contains("does not exist"));
    Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
    assertTrue(assertThrows(PretextUserException.class, () -> sessions.open(garbage, InferenceDevice.CPU, 1))
        .getMessage().contains("The file " + garbage + " is corrupt: it is not a complete ONNX model"));
    Path foreign = TinyOnnxModel.write(dir.resolve("foreign.onnx"), W, 3, 2, Map.of());
    PretextUserException e = assertThrows(PretextUserException.class, () -> sessions.open(foreign, InferenceDevice.CPU, 1));
    assertTrue(e.getMessage().contains("has no pretext metadata"), e.getMessage());
  }

  @Test
  void wrongInputsAreUserErrors() {
    try (EncoderSession s = new OnnxSessions(notices::add).open(model, InferenceDevice.CPU, 1)) {
      PretextUserException kind = assertThrows(PretextUserException.class, () -> s.run(new long[] {1, 2}, 1, 2));
      assertTrue(kind.getMessage().contains("takes float32[batch,3] but was given token ids"), kind.getMessage());
      PretextUserException shape = assertThrows(PretextUserException.class, () -> s.run(new float[4], 1, 4));
      assertTrue(shape.getMessage().contains("batch of shape [1, 4]"), shape.getMessage());
    }
  }

  @Test
  void parsesDevicesAndInputSignatures() {
    assertEquals(InferenceDevice.CUDA, InferenceDevice.parse("CUDA"));
    assertThrows(PretextUserException.class, () -> InferenceDevice.parse("tpu"));
    InputSignature text = InputSignature.parse("int64[batch,sequence]");
    assertTrue(text.isTokenIds());
    assertEquals(InputSignature.tokenIds(), text);
    assertEquals("float32[batch,1,28,28]", InputSignature.images(1, 28, 28).format());
    assertArrayEquals(new long[] {1, 28, 28}, InputSignature.parse("float32[batch,1,28,28]").sampleShape());
    assertThrows(PretextUserException.class, () -> InputSignature.parse("float[1,2]"));
  }
}
