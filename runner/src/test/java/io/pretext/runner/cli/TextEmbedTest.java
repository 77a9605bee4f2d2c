package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pretext.core.data.fetch.Sha256;
import io.pretext.core.inference.FeatureBatch;
import io.pretext.api.onnx.InputSignature;
import io.pretext.core.inference.ModelMetadata;
import io.pretext.core.inference.NpyFiles;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.text.Tokenizer;
import io.pretext.api.text.TokenizerSettings;
import io.pretext.core.onnx.ExportInput;
import io.pretext.core.onnx.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embed} on a text file: a small Transformer exported with its tokenizer beside it. */
class TextEmbedTest {
  private static final int MAX_LENGTH = 16;
  private static final List<String> SENTENCES = List.of(
      "The cat sat on the mat.", "A dog barked at the moon!", "Cats and dogs, together.",
      "the moon is bright tonight", "Short.", "a very long sentence about cats dogs mats moons and bright nights");

  @TempDir
  Path dir;

  @Test
  void anMlmRunExportsItsEncoderWithTheTokenizerAndEmbedsText() throws Exception {
    StringBuilder corpus = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      corpus.append(SENTENCES.get(i % SENTENCES.size())).append(' ').append(i % 7).append('\n');
    }
    Path text = Files.writeString(dir.resolve("corpus.txt"), corpus);
    Path file = Files.writeString(dir.resolve("mlm.yaml"), """
        data: {name: text-lines, path: %s}
        pretext: {name: mlm, vocabulary-size: 60, min-pair-count: 1, max-length: 12}
        encoder: {name: transformer, vocabulary-size: 60, max-length: 12, dimension: 8, layers: 1, heads: 2,
                  feed-forward: 16}
        train: {epochs: 1, batch-size: 8, threads: 1}
        downstream: {enabled: false}
        export: {enabled: true}
        """.formatted(text));
    Path run = dir.resolve("run");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", run.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("exported " + run.resolve("export/encoder.onnx")), r.out());
    assertTrue(Files.exists(run.resolve("export/vocab.txt")) && Files.exists(run.resolve("export/tokenizer.json")));
    Path out = dir.resolve("mlm.npy");
    CliHarness.Result embed = CliHarness.run("embed", "--model", run.resolve("export/encoder.onnx").toString(),
        "--input", text.toString(), "--out", out.toString());
    assertEquals(0, embed.code(), embed.err());
    FeatureBatch features = NpyFiles.read(out);
    assertEquals(40, features.rows());
    assertEquals(8, features.cols());
  }

  @Test
  void embedsSentencesAsTheJavaEncoderDoesWithPadding() throws Exception {
    Path modelDir = Files.createDirectories(dir.resolve("export"));
    Tokenizer tokenizer = Tokenizer.train(SENTENCES, new TokenizerSettings(60, 1, true, true, MAX_LENGTH));
    tokenizer.save(modelDir);
    Path model = modelDir.resolve("encoder.onnx");
    Path text = Files.writeString(dir.resolve("sentences.txt"), String.join("\n", SENTENCES) + "\n");
    try (NDManager m = NDManager.newBaseManager()) {
      TransformerEncoder encoder = new TransformerEncoder(tokenizer.vocabularySize(), MAX_LENGTH, 8, 1, 2, 16, 0f);
      encoder.initialize(m, DataType.FLOAT32, new Shape(1, MAX_LENGTH));
      Map<String, String> metadata = Map.of(ModelMetadata.INPUT, InputSignature.tokenIds().format(),
          ModelMetadata.VOCABULARY, "vocab.txt sha256:" + Sha256.of(modelDir.resolve("vocab.txt")));
      new OnnxExporter().export(encoder, ExportInput.text(MAX_LENGTH), metadata, model);

      Path out = dir.resolve("text.npy");
      CliHarness.Result r = CliHarness.run("embed", "--model", model.toString(), "--input", text.toString(),
          "--out", out.toString(), "--batch", "4", "--device", "cpu");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("embedded 6 samples (text file"), r.out());
      FeatureBatch onnx = NpyFiles.read(out);
      assertEquals(SENTENCES.size(), onnx.rows());
      for (int i = 0; i < SENTENCES.size(); i++) {
        long[] ids = Arrays.stream(tokenizer.encode(SENTENCES.get(i))).asLongStream().toArray();
        float[] java = encoder.forward(new ParameterStore(m, false),
            new NDList(m.create(ids, new Shape(1, ids.length))), false).get(0).toFloatArray();
        for (int c = 0; c < java.length; c++) {
          assertEquals(java[c], onnx.values()[i * onnx.cols() + c], 1e-4, "sentence " + i + " feature " + c);
        }
      }
    }
    Files.writeString(modelDir.resolve("vocab.txt"), "changed\n", java.nio.file.StandardOpenOption.APPEND);
    CliHarness.Result changed = CliHarness.run("embed", "--model", model.toString(), "--input", text.toString(),
        "--out", dir.resolve("x.npy").toString());
    assertEquals(PretextCli.USER_ERROR, changed.code());
    assertTrue(changed.err().contains("is not the one the model was exported with"), changed.err());
    CliHarness.Result images = CliHarness.run("embed", "--model", model.toString(), "--input", dir.toString(),
        "--out", dir.resolve("y.npy").toString());
    assertEquals(PretextCli.USER_ERROR, images.code());
    assertTrue(images.err().contains("takes token ids"), images.err());
  }
}
