package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fill-mask} and {@code mlm-eval} ask the run's task for its masked-token predictor before
 * building anything: a run of a task without one is refused with a user error, even when it has no
 * checkpoint or encoder to load.
 */
class MaskedTokenCommandsTest {
  @TempDir
  Path dir;

  @Test
  void aRunOfATaskThatPredictsNoMaskedTokensIsRefusedBeforeAnyModelIsBuilt() throws Exception {
    IdxFiles.write(dir.resolve("train.idx"), dir.resolve("train-labels.idx"), 16, 8, 1);
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("config.yaml"), """
        data: {name: idx, train-images: %1$s/train.idx, train-labels: %1$s/train-labels.idx}
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [8], features: 4}
        """.formatted(dir));
    for (String[] args : new String[][] {{"fill-mask", "--model", run.toString(), "I [MASK] an instructor."},
        {"mlm-eval", "--model", run.toString()}}) {
      CliHarness.Result r = CliHarness.run(args);
      assertEquals(2, r.code(), r.err() + r.out());
      assertTrue(r.err().contains(args[0] + " needs a run of a task that predicts masked tokens, such as mlm")
          && r.err().contains("'rotation'"), r.err());
    }
  }
}
