package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.core.data.IdxReader;
import io.pretext.api.data.Image;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.engine.EngineSetup;
import io.pretext.core.inference.FeatureBatch;
import io.pretext.core.inference.NpyFiles;
import io.pretext.api.nn.layers.Layers;
import io.pretext.core.onnx.ExportInput;
import io.pretext.core.onnx.OnnxExporter;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.run.RunPlugins;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.spi.InputBatcher;
import io.pretext.api.transfer.LinearClassifier;
import io.pretext.api.transfer.PretrainedWeights;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.onnx.EmbedInput;
import io.pretext.runner.onnx.Embedder;
import io.pretext.runner.onnx.ModelPreprocessing;
import io.pretext.core.inference.EncoderSession;
import io.pretext.core.inference.InferenceDevice;
import io.pretext.core.inference.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} (as the last step of {@code run}), {@code embed} and {@code predict} on a tiny
 * real run: the ONNX Runtime outputs are compared with the Java encoder's on the same images.
 */
class OnnxCommandsTest {
  private static final int TEST_IMAGES = 40;

  @TempDir
  static Path dir;
  private static Path runDir;
  private static float[][] javaFeatures;

  @BeforeAll
  static void runWithExport() throws Exception {
    IdxFiles.write(dir.resolve("train.idx"), dir.resolve("train-labels.idx"), 64, 8, 1);
    IdxFiles.write(dir.resolve("test.idx"), dir.resolve("test-labels.idx"), TEST_IMAGES, 8, 2);
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, """
        data:
          name: idx
          train-images: %1$s/train.idx
          train-labels: %1$s/train-labels.idx
          test-images: %1$s/test.idx
          test-labels: %1$s/test-labels.idx
        pretext: {name: rotation}
        encoder: {name: resnet-mini, width: 4}
        train: {epochs: 1, batch-size: 16, learning-rate: 0.01, threads: 1}
        downstream:
          labels: [8, 20]
          preprocess: [{name: normalize, mean: [0.3], std: [0.4]}]
          evaluators: [linear-probe]
        export: {enabled: true}
        """.formatted(dir));
    runDir = dir.resolve("runs/r");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("exported " + runDir.resolve("export/encoder.onnx")), r.out());
    assertTrue(r.out().contains("exported " + runDir.resolve("export/classifier.onnx")), r.out());
    javaFeatures = javaFeatures(runDir);
  }

  /** The Java encoder's features of the test images, preprocessed as the downstream step does. */
  private static float[][] javaFeatures(Path run) {
    Bootstrap bootstrap = Bootstrap.discover();
    RunConfig config = new RunConfigLoader(bootstrap.registry()).load(run.resolve("config.yaml"), List.of());
    RunPlugins plugins = RunPlugins.create(config, bootstrap.registry(config.runtime(), MetricsSink.NONE));
    ImageDataset test = new IdxReader().read(dir.resolve("test.idx"), null, List.of());
    Shape input = new Shape(1, 8, 8);
    new EngineSetup(config.runtime()).start();
    try (NDManager m = NDManager.newBaseManager()) {
      Block encoder = plugins.encoder().build(input);
      PretrainedWeights.read(run.resolve("encoder/encoder.params")).loadInto(encoder, m);
      encoder.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
      List<Object> images = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        images.add(plugins.preprocess().apply(test.get(i), new SplittableRandom(0)));
      }
      NDArray x = InputBatcher.images().batch(images).toNDArray(m);
      NDArray f = encoder.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      float[] flat = f.toFloatArray();
      int cols = (int) f.getShape().get(1);
      float[][] out = new float[test.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
      }
      return out;
    }
  }

  private static Path encoderOnnx() {
    return runDir.resolve("export/encoder.onnx");
  }

  private static void assertSameFeatures(FeatureBatch onnx, int firstRow) {
    for (int r = 0; r < onnx.rows(); r++) {
      float[] expected = javaFeatures[firstRow + r];
      assertEquals(expected.length, onnx.cols());
      for (int c = 0; c < expected.length; c++) {
        assertEquals(expected[c], onnx.values()[r * onnx.cols() + c], 1e-4, "row " + r + " feature " + c);
      }
    }
  }

  @Test
  void runSavedTheProbeAndExportedBothModels() throws Exception {
    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report.contains("export/encoder.onnx (") && report.contains("export/classifier.onnx ("), report);
    assertTrue(Files.exists(runDir.resolve("downstream/probe-8.json")));
    assertTrue(Files.exists(runDir.resolve("downstream/probe-20.json")));
    assertTrue(Files.exists(runDir.resolve("export/classifier.onnx")));
  }

  @Test
  void embedAnIdxFileGivesTheJavaEncodersFeatures() throws Exception {
    Path out = dir.resolve("idx.npy");
    CliHarness.Result r = CliHarness.run("embed", "--model", encoderOnnx().toString(), "--input",
        dir.resolve("test.idx").toString(), "--out", out.toString(), "--device", "cpu", "--batch", "7", "--threads", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("device: CPU (ONNX Runtime, 1 thread)"), r.out());
    assertTrue(r.out().contains("embedded " + TEST_IMAGES + " samples (IDX file"), r.out());
    assertTrue(r.out().contains("samples/s; time") && r.out().contains("inference"), r.out());
    FeatureBatch onnx = NpyFiles.read(out);
    assertEquals(TEST_IMAGES, onnx.rows());
    assertSameFeatures(onnx, 0);
  }

  @Test
  void embedAnImageFolderToCsvGivesTheJavaEncodersFeatures() throws Exception {
    ImageDataset test = new IdxReader().read(dir.resolve("test.idx"), null, List.of());
    Path folder = Files.createDirectories(dir.resolve("pngs"));
    for (int i = 0; i < 12; i++) {
      // RGB with r = g = b: the reader's luma gives the gray value back (a gray PNG would be gamma-converted).
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      byte[] px = test.rawPixels(i);
      for (int p = 0; p < px.length; p++) {
        int v = px[p] & 0xFF;
        img.setRGB(p % 8, p / 8, (v << 16) | (v << 8) | v);
      }
      ImageIO.write(img, "png", folder.resolve(String.format("img-%02d.png", i)).toFile());
    }
    Path out = dir.resolve("folder.csv");
    CliHarness.Result r = CliHarness.run("embed", "--model", encoderOnnx().toString(), "--input", folder.toString(),
        "--out", out.toString(), "--device", "auto");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("device auto: ") && r.out().contains("running on the CPU."), r.out());
    assertTrue(r.out().contains("device: CPU"), r.out());
    List<String> lines = Files.readAllLines(out);
    assertEquals(12, lines.size());
    int cols = lines.get(0).split(",").length;
    float[] values = new float[12 * cols];
    for (int i = 0; i < 12; i++) {
      String[] parts = lines.get(i).split(",");
      for (int c = 0; c < cols; c++) {
        values[i * cols + c] = Float.parseFloat(parts[c]);
      }
    }
    assertSameFeatures(new FeatureBatch(values, 12, cols), 0);
  }

  /** 8x8 gray PNGs of the test images (stored gray levels, read back exactly), named img-00.png ... */
  private static Path grayFolder(String name, int count) throws Exception {
    ImageDataset test = new IdxReader().read(dir.resolve("test.idx"), null, List.of());
    Path folder = Files.createDirectories(dir.resolve(name));
    for (int i = 0; i < count; i++) {
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
      byte[] px = test.rawPixels(i);
      for (int p = 0; p < px.length; p++) {
        img.getRaster().setSample(p % 8, p / 8, 0, px[p] & 0xFF);
      }
      ImageIO.write(img, "png", folder.resolve(String.format("img-%02d.png", i)).toFile());
    }
    return folder;
  }

  /** Runs the encoder over an input with the Embedder, collecting each batch as it comes. */
  private static List<FeatureBatch> embed(Path input, int batch, List<FeatureBatch> into) {
    Bootstrap bootstrap = Bootstrap.discover();
    try (EncoderSession session = new OnnxSessions(s -> { }).open(encoderOnnx(), InferenceDevice.CPU, 1)) {
      var preprocess = ModelPreprocessing.from(session.metadata(), bootstrap.registry(), encoderOnnx());
      EmbedInput in = EmbedInput.read(input, session.metadata().input());
      Embedder.Timings t = new Embedder(session, preprocess, null, batch).run(in, into::add);
      if (Files.isDirectory(input)) {
        assertTrue(t.decodeSeconds() > in.decodeSeconds(), "the batches' decoding is timed on top of the indexing");
      }
    }
    return into;
  }

  @Test
  void aFolderOfImagesAtTheModelsSizeEmbedsExactlyAsTheSameImagesInAnIdxFile() throws Exception {
    Path folder = grayFolder("gray-pngs", 10);
    List<FeatureBatch> fromFolder = embed(folder, 4, new ArrayList<>());
    List<FeatureBatch> fromIdx = embed(dir.resolve("test.idx"), 4, new ArrayList<>());
    assertEquals(3, fromFolder.size());
    for (int b = 0; b < fromFolder.size(); b++) {
      float[] expected = java.util.Arrays.copyOf(fromIdx.get(b).values(), fromFolder.get(b).values().length);
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, fromFolder.get(b).values(), "batch " + b);
    }
  }

  @Test
  void aFolderIsDecodedBatchByBatchSoABadFileLateInItFailsOnlyAtItsBatch() throws Exception {
    Path folder = grayFolder("late-bad", 9);
    Files.write(folder.resolve("img-07.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}); // in the 4th batch
    List<FeatureBatch> written = new ArrayList<>();
    io.pretext.api.data.CorruptDataException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.pretext.api.data.CorruptDataException.class, () -> embed(folder, 2, written));
    assertTrue(e.getMessage().contains("img-07.png") && e.getMessage().contains("does not decode"), e.getMessage());
    assertEquals(3, written.size(), "the three batches before the bad file were embedded and handed on");
    assertSameFeatures(written.get(2), 4);

    CliHarness.Result r = CliHarness.run("embed", "--model", encoderOnnx().toString(), "--input", folder.toString(),
        "--out", dir.resolve("late-bad.npy").toString(), "--device", "cpu", "--batch", "2");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("img-07.png"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(dir.resolve("late-bad.npy")), "no partial output left");
  }

  @Test
  void aBadImageFolderIsAUserErrorNamingWhatToFix() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("bad-empty"));
    Path noImages = Files.createDirectories(dir.resolve("bad-text"));
    Files.writeString(noImages.resolve("notes.txt"), "no image here");
    Path bomb = grayFolder("bad-bomb", 2);
    Files.write(bomb.resolve("img-01.png"), pngDeclaring(50_000, 50_000));
    Path loop = Files.createDirectories(dir.resolve("bad-loop/cats"));
    grayFolder("bad-loop/cats", 1);
    Files.createSymbolicLink(loop.resolve("again"), loop.getParent());
    String[][] cases = {
        {empty.toString(), "the image folder is empty"},
        {noImages.toString(), "no image files (.png, .jpg, .jpeg) found"},
        {bomb.resolve("img-01.png").toString(), "max-pixels"},
        {loop.resolve("again").toString(), "symbolic link loop"}};
    Path[] inputs = {empty, noImages, bomb, dir.resolve("bad-loop")};
    for (int i = 0; i < cases.length; i++) {
      Path out = dir.resolve("bad-" + i + ".npy");
      CliHarness.Result r = CliHarness.run("embed", "--model", encoderOnnx().toString(), "--input",
          inputs[i].toString(), "--out", out.toString(), "--device", "cpu");
      assertEquals(PretextCli.USER_ERROR, r.code(), cases[i][1] + ": " + r.out() + r.err());
      assertTrue(r.err().contains(cases[i][0]) && r.err().contains(cases[i][1]), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertFalse(Files.exists(out), "no output for " + cases[i][1]);
    }
  }

  /** A PNG signature, an IHDR chunk declaring {@code w x h} 8-bit gray pixels, and IEND: no pixel data. */
  private static byte[] pngDeclaring(int w, int h) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put(new byte[] {8, 0, 0, 0, 0});
    for (Object[] chunk : new Object[][] {{"IHDR", ihdr.array()}, {"IEND", new byte[0]}}) {
      byte[] type = ((String) chunk[0]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] data = (byte[]) chunk[1];
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(type);
      crc.update(data);
      out.writeInt(data.length);
      out.write(type);
      out.write(data);
      out.writeInt((int) crc.getValue());
    }
    return bytes.toByteArray();
  }

  @Test
  void predictGivesTheProbesClassesAndProbabilities() {
    CliHarness.Result r = CliHarness.run("predict", "--model", runDir.resolve("export/classifier.onnx").toString(),
        "--input", dir.resolve("test.idx").toString(), "--top", "2", "--device", "cpu");
    assertEquals(0, r.code(), r.err());
    LinearClassifier probe = LinearClassifier.read(runDir.resolve("downstream/probe-20.json"));
    List<String> rows = r.out().lines().filter(l -> l.matches("\\d+\t.*")).toList();
    assertEquals(TEST_IMAGES, rows.size(), r.out());
    for (int i = 0; i < TEST_IMAGES; i++) {
      float[] z = probe.logits(javaFeatures[i]);
      int best = z[1] > z[0] ? 1 : 0;
      String[] parts = rows.get(i).split("\t");
      assertEquals(5, parts.length, rows.get(i));
      assertEquals(Integer.toString(i), parts[0]);
      assertEquals(probe.classNames().get(best), parts[1], rows.get(i));
      double p = 1 / (1 + Math.exp(-Math.abs(z[1] - z[0])));
      assertEquals(p, Double.parseDouble(parts[2]), 1e-3, rows.get(i));
    }
  }

  @Test
  void exportAgainWithAnotherOpsetPrintsTheDifference() {
    CliHarness.Result r = CliHarness.run("export", runDir.toString(), "--opset", "18");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("max |Java - ONNX Runtime| = "), r.out());
    CliHarness.Result bad = CliHarness.run("export", runDir.toString(), "--opset", "9");
    assertEquals(PretextCli.USER_ERROR, bad.code(), bad.err());
    assertTrue(bad.err().contains("opset"), bad.err());
  }

  @Test
  void deviceErrorsAndWrongInputsAreUserErrors() throws Exception {
    String model = encoderOnnx().toString();
    String idx = dir.resolve("test.idx").toString();
    String out = dir.resolve("x.npy").toString();
    CliHarness.Result cuda = CliHarness.run("embed", "--model", model, "--input", idx, "--out", out, "--device", "cuda");
    assertEquals(PretextCli.USER_ERROR, cuda.code());
    // CPU build: "this ONNX Runtime build has no CUDA execution provider"; -Pgpu without a GPU: "could not start".
    assertTrue(cuda.err().startsWith("error: --device cuda: ") && cuda.err().contains("Use --device cpu or --device auto"),
        cuda.err());
    assertFalse(cuda.err().contains("at io.pretext"), "no stack trace: " + cuda.err());
    CliHarness.Result tpu = CliHarness.run("embed", "--model", model, "--input", idx, "--out", out, "--device", "tpu");
    assertEquals(PretextCli.USER_ERROR, tpu.code());

    CliHarness.Result missing = CliHarness.run("embed", "--model", dir.resolve("none.onnx").toString(), "--input", idx,
        "--out", out);
    assertEquals(PretextCli.USER_ERROR, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());

    Path text = Files.writeString(dir.resolve("sentences.txt"), "a sentence\n");
    CliHarness.Result kind = CliHarness.run("embed", "--model", model, "--input", text.toString(), "--out", out);
    assertEquals(PretextCli.USER_ERROR, kind.code());
    assertTrue(kind.err().contains("takes images (float32[batch,1,8,8])"), kind.err());

    CliHarness.Result noInput = CliHarness.run("embed", "--model", model, "--input", dir.resolve("gone").toString(),
        "--out", out);
    assertEquals(PretextCli.USER_ERROR, noInput.code());

    CliHarness.Result encoderForPredict = CliHarness.run("predict", "--model", model, "--input", idx);
    assertEquals(PretextCli.USER_ERROR, encoderForPredict.code());
    assertTrue(encoderForPredict.err().contains("is an encoder"), encoderForPredict.err());
  }

  @Test
  void aModelWithoutPretextMetadataIsRefused() throws Exception {
    Path foreign = dir.resolve("foreign.onnx");
    try (NDManager m = NDManager.newBaseManager()) {
      Block linear = Layers.linear(3, true);
      linear.initialize(m, DataType.FLOAT32, new Shape(1, 5));
      new OnnxExporter().export(linear, new ExportInput("input", new Shape(5), DataType.FLOAT32, false), Map.of(), foreign);
    }
    CliHarness.Result r = CliHarness.run("embed", "--model", foreign.toString(), "--input",
        dir.resolve("test.idx").toString(), "--out", dir.resolve("y.npy").toString());
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("has no pretext metadata"), r.err());
  }

  @Test
  void metadataThatClaimsHugeDimensionsIsRefusedBeforeAnyAllocation() throws Exception {
    String[] claims = {"float32[batch,1,4000000,4000000]", "float32[batch,3,99999999999999999999,8]"};
    for (int i = 0; i < claims.length; i++) {
      Path model = dir.resolve("huge-" + i + ".onnx");
      try (NDManager m = NDManager.newBaseManager()) {
        Block linear = Layers.linear(3, true);
        linear.initialize(m, DataType.FLOAT32, new Shape(1, 5));
        new OnnxExporter().export(linear, new ExportInput("input", new Shape(5), DataType.FLOAT32, false),
            Map.of("pretext.input", claims[i]), model);
      }
      for (String command : new String[] {"embed", "predict"}) {
        CliHarness.Result r = command.equals("embed")
            ? CliHarness.run("embed", "--model", model.toString(), "--input", dir.resolve("test.idx").toString(),
                "--out", dir.resolve("huge.npy").toString())
            : CliHarness.run("predict", "--model", model.toString(), "--input", dir.resolve("test.idx").toString());
        assertEquals(PretextCli.USER_ERROR, r.code(), command + " " + claims[i] + ": " + r.out() + r.err());
        assertTrue(r.err().contains(model.toString()) && r.err().contains("claims a sample of more than")
            && r.err().contains("export the model again"), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
      }
    }
  }

  @Test
  void aFlippedOrTruncatedOnnxFileIsRefusedThroughItsMetadata() throws Exception {
    Path idx = dir.resolve("test.idx");
    for (String damage : new String[] {"flip", "truncate"}) {
      for (String name : new String[] {"encoder.onnx", "classifier.onnx"}) {
        Path copy = Files.createDirectories(dir.resolve("damaged-" + damage)).resolve(name); // outside the run
        Files.copy(runDir.resolve("export/" + name), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(copy.toFile(), "rw")) {
          if (damage.equals("flip")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
          } else {
            f.setLength(f.length() * 2 / 3);
          }
        }
        Path out = dir.resolve("damaged.npy");
        CliHarness.Result r = name.equals("encoder.onnx")
            ? CliHarness.run("embed", "--model", copy.toString(), "--input", idx.toString(), "--out", out.toString(),
                "--device", "cpu")
            : CliHarness.run("predict", "--model", copy.toString(), "--input", idx.toString(), "--device", "cpu");
        assertEquals(PretextCli.USER_ERROR, r.code(), damage + " " + name + ": " + r.out() + r.err());
        assertTrue(r.err().contains("The file " + copy + " is corrupt") && r.err().contains("export again"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "no output written");
      }
    }
  }
}
