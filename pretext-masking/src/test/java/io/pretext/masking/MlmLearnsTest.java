package io.pretext.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.TextDataset;
import io.pretext.core.nn.encoders.TextTransformer;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.MaskedTokenPredictor.MaskFill;
import io.pretext.api.text.Tokenizer;
import io.pretext.api.text.TokenizerSettings;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small Transformer learns, through the framework's loop, to fill a mask it has seen many times. */
class MlmLearnsTest {
  @TempDir Path tmp;

  private static TextDataset corpus() {
    List<String> texts = new ArrayList<>();
    String[] subjects = {"i am", "you are", "we are", "they are", "she is", "he is"};
    String[] roles = {"an instructor", "a student", "a teacher", "a doctor", "an engineer", "a pilot"};
    for (String s : subjects) {
      for (String r : roles) {
        String cap = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        texts.add(cap + " " + r + ".");
      }
    }
    return new TextDataset(texts);
  }

  @Test
  void sampleLengthIsTheEncodedLengthCutToTheMaximum() {
    MaskedLanguageModelTask task = new MaskedLanguageModelTask(new TokenizerSettings(60, 1, true, true, 12),
        0.3, 0.8, 0.1, true, null).prepare(corpus(), tmp);
    var length = task.sampleLength().orElseThrow();
    assertEquals(task.tokenizer().encode("I am an instructor.").length, length.applyAsInt("I am an instructor."));
    assertEquals(12, length.applyAsInt("I am an instructor. You are a student. We are a pilot."));
  }

  @Test
  void fillsTheMaskItWasTrainedOn() {
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", Map.of("epochs", 1000, "max-steps", 250,
        "batch-size", 36, "learning-rate", 3e-3, "optimizer", "adamw", "warmup-steps", 20, "schedule", "linear",
        "checkpoint-every", 0, "workers", 1, "log-every", 1000))).with(Map.of("group-by-length", true));
    MaskedLanguageModelTask task = new MaskedLanguageModelTask(new TokenizerSettings(60, 1, true, true, 12),
        0.3, 0.8, 0.1, true, null).prepare(corpus(), tmp);
    assertTrue(Files.isRegularFile(tmp.resolve("tokenizer/vocab.txt")));
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(5), MlmTests.engine(), RunDirectory.create(tmp.resolve("run")),
        MetricsSink.NONE, ProgressReporter.NONE);
    TextTransformer encoder = new TextTransformer(60, 12, 32, 1, 2, 64, 0f);
    try (TrainResult result = loop.run(task, encoder, Optional.empty(), corpus(), AugmentPipeline.identity());
        NDManager manager = NDManager.newBaseManager()) {
      FillMask fill = new FillMask(result.model().getBlock(), Tokenizer.load(tmp.resolve("tokenizer")));
      List<MaskFill> out = fill.fill(List.of("I [MASK] an instructor.", "They [MASK] a pilot."), 3, manager);
      assertEquals(2, out.size());
      assertEquals("am", out.get(0).candidates().get(0).token(), out.toString());
      assertEquals("are", out.get(1).candidates().get(0).token(), out.toString());
      double p = out.get(0).candidates().get(0).probability();
      // Chance is 1/60. (Before the ScalarOps fix, runs varied with garbage collection; one gave 0.43.)
      assertTrue(p > 0.3 && p <= 1, "probability " + p);
      PretextUserException none = assertThrows(PretextUserException.class,
          () -> fill.fill(List.of("I [MASK] here.", "No mask here."), 3, manager));
      assertTrue(none.getMessage().contains("Sentence 2 has no [MASK]"), none.getMessage());
    }
  }
}
