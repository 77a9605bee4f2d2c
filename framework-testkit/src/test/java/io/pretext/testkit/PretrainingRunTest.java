package io.pretext.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.core.testplugin.RotationTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainingRunTest {
  private static final PretrainingRun ROTATION = PretrainingRun.of(new RotationTask())
      .encoder(TinyEncoders.mlp(16, 8)).data(TinyData.images(24, 1, 8, 8, 2));

  @Test
  void runsTheStepsAskedForOnATemporaryRunDirectoryItRemoves() {
    Path dir;
    try (PretrainingRun.Result run = ROTATION.steps(7).batchSize(4).run()) {
      dir = run.runDirectory();
      assertEquals(7, run.steps());
      List<Double> losses = run.losses();
      assertEquals(7, losses.size());
      assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());
      assertNotEquals(losses.get(0), losses.get(6));
      assertEquals(7, run.metric("accuracy").size());
      assertTrue(Files.isRegularFile(run.encoderParameters()));
      assertEquals(8, run.featureSize());
      assertEquals(3, run.inputShape().dimension());
      assertTrue(run.encoder().getParameters().get(0).getValue().isInitialized());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.metric("accuracy5"));
      assertTrue(e.getMessage().contains("has no metric 'accuracy5'"), e.getMessage());
    }
    assertFalse(Files.exists(dir), dir + " was left behind");
  }

  @Test
  void theSameSeedGivesTheSameLossesAndAGivenRunDirectoryIsKept(@TempDir Path tmp) {
    List<Double> first;
    try (PretrainingRun.Result run = ROTATION.seed(3).runDirectory(tmp.resolve("run")).run()) {
      first = run.losses();
      assertEquals(5, first.size());
    }
    assertTrue(Files.isDirectory(tmp.resolve("run").resolve("checkpoints")));
    try (PretrainingRun.Result again = ROTATION.seed(3).run()) {
      assertEquals(first, again.losses());
    }
  }

  @Test
  void needsAnEncoderAndData() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PretrainingRun.of(new RotationTask()).run());
    assertTrue(e.getMessage().contains(".encoder(...) and .data(...)"), e.getMessage());
  }
}
