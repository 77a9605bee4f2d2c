package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.core.train.CheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of {@code pretext resume}: runs killed with SIGKILL (separate JVMs, the
 * runner's classpath) at a step between checkpoints and inside a checkpoint write, then resumed,
 * end with the encoder bytes and the transfer table of the run that was never stopped, and their
 * metrics show each step once.
 */
class KillResumeTest {
  private static final Pattern TRAIN_STEP = Pattern.compile("\"stream\":\"train\",\"step\":(\\d+)");
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeRun() throws IOException {
    IdxFiles.write(dir.resolve("train.idx"), dir.resolve("train-labels.idx"), 64, 8, 1);
    IdxFiles.write(dir.resolve("test.idx"), dir.resolve("test-labels.idx"), 40, 8, 2);
    file = dir.resolve("run.yaml");
    Files.writeString(file, """
        data:
          name: idx
          train-images: %1$s/train.idx
          train-labels: %1$s/train-labels.idx
          test-images: %1$s/test.idx
          test-labels: %1$s/test-labels.idx
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [32], features: 16}
        train: {epochs: 8, batch-size: 16, learning-rate: 0.01, checkpoint-every: 3, keep-checkpoints: 3,
                schedule: cosine, warmup-steps: 4, threads: 1}
        downstream:
          labels: [8, 20]
          evaluators: [linear-probe, {name: knn, k: 3}]
        """.formatted(dir));
  }

  @Test
  void runsKilledAtAStepAndInsideACheckpointWriteResumeToTheSameBytes() throws Exception {
    Path whole = dir.resolve("whole");
    assertEquals(0, cli(Map.of(), "run", file.toString(), "--run-dir", whole.toString(), "--no-progress").waitFor());
    byte[] encoder = Files.readAllBytes(whole.resolve("encoder/encoder.params"));
    String table = transferTable(whole);

    // Killed between checkpoints, as soon as step 10 is in the metrics (steps 9 and 12 are checkpoints).
    Path a = dir.resolve("a");
    killWhen(cli(Map.of(), "run", file.toString(), "--run-dir", a.toString(), "--no-progress"),
        () -> lastStep(a) >= 10);
    resumeAndCompare(a, encoder, table);

    // Killed inside a checkpoint write: step 6's data files are written, its sidecar is not.
    Path b = dir.resolve("b");
    Map<String, String> pause = Map.of(CheckpointStore.PAUSE_ENV, "1500");
    killWhen(cli(pause, "run", file.toString(), "--run-dir", b.toString(), "--no-progress"),
        () -> Files.exists(b.resolve("checkpoints/step-000006.optim"))
            && !Files.exists(b.resolve("checkpoints/step-000006.json")));
    assertEquals(3, new CheckpointStore(b.resolve("checkpoints"), 3).latest().orElseThrow().step());
    // The resumed run is killed again, inside its checkpoint write of step 9, then resumed.
    killWhen(cli(pause, "resume", b.toString(), "--no-progress"),
        () -> Files.exists(b.resolve("checkpoints/step-000009.optim"))
            && !Files.exists(b.resolve("checkpoints/step-000009.json")));
    assertEquals(6, new CheckpointStore(b.resolve("checkpoints"), 3).latest().orElseThrow().step());
    resumeAndCompare(b, encoder, table);
  }

  @Test
  void sigintCheckpointsAtTheNextStepAndSaysHowToResumeAndASecondSigtermStopsAtOnce() throws Exception {
    Path whole = dir.resolve("whole");
    assertEquals(0, cli(Map.of(), "run", file.toString(), "--run-dir", whole.toString(), "--no-progress").waitFor());

    Path a = dir.resolve("a");
    Process p = cli(Map.of(), "run", file.toString(), "--run-dir", a.toString(), "--no-progress");
    signalWhen(p, "INT", () -> lastStep(a) >= 4);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = Files.readString(output(p));
    assertEquals(130, p.exitValue(), out);
    assertTrue(out.contains("Continue the run with: pretext resume " + a.toAbsolutePath()), out);
    long stoppedAt = new CheckpointStore(a.resolve("checkpoints"), 3).latest().orElseThrow().step();
    assertEquals(lastStep(a), stoppedAt, "the checkpoint is of the last step taken");
    assertTrue(Files.exists(a.resolve("report.md")), "a stopped run writes its report");
    resumeAndCompare(a, Files.readAllBytes(whole.resolve("encoder/encoder.params")), transferTable(whole));

    // Two SIGTERMs, the second while the first's checkpoint is being written: exit 143 at once.
    Path b = dir.resolve("b");
    Process q = cli(Map.of(CheckpointStore.PAUSE_ENV, "3000"), "run", file.toString(), "--run-dir", b.toString(),
        "--no-progress");
    signalWhen(q, "TERM", () -> lastStep(b) >= 1);
    signalWhen(q, "TERM", () -> Files.list(b.resolve("checkpoints")).anyMatch(f -> f.toString().endsWith(".optim")));
    assertTrue(q.waitFor(2, TimeUnit.SECONDS), "the second signal stops at once");
    assertEquals(143, q.exitValue(), Files.readString(output(q)));
  }

  private static void signalWhen(Process p, String signal, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.call()) {
      assertTrue(p.isAlive(), "the run ended before the signal point");
      assertTrue(System.nanoTime() < deadline, "the signal point was not reached in 60 s");
      Thread.sleep(5);
    }
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
  }

  private final Map<Process, Path> outputs = new java.util.HashMap<>();

  private Path output(Process p) {
    return outputs.get(p);
  }

  private void resumeAndCompare(Path run, byte[] encoder, String table) throws Exception {
    assertTrue(Files.exists(run.resolve("checkpoints")), "the killed run left no checkpoints");
    assertTrue(!Files.exists(run.resolve("encoder/encoder.params")), "the run was killed too late to test resume");
    Process resumed = cli(Map.of(), "resume", run.toString(), "--no-progress");
    int code = resumed.waitFor();
    assertEquals(0, code, Files.readString(output(resumed)));
    assertArrayEquals(encoder, Files.readAllBytes(run.resolve("encoder/encoder.params")), "encoder bytes of " + run);
    assertEquals(table, transferTable(run));
    List<Long> steps = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      Matcher m = TRAIN_STEP.matcher(line);
      if (m.find()) {
        steps.add(Long.parseLong(m.group(1)));
      }
    }
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 32).boxed().toList(), steps, "each step once in the metrics");
  }

  private Process cli(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), PretextCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path out = dir.resolve("process-" + System.nanoTime() + ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    outputs.put(p, out);
    return p;
  }

  private static void killWhen(Process p, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.call()) {
      assertTrue(p.isAlive(), "the run ended before the kill point");
      assertTrue(System.nanoTime() < deadline, "the kill point was not reached in 60 s");
      Thread.sleep(5);
    }
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
  }

  private static long lastStep(Path run) throws IOException {
    Path metrics = run.resolve("metrics.jsonl");
    if (!Files.exists(metrics)) {
      return 0;
    }
    long last = 0;
    Matcher m = TRAIN_STEP.matcher(Files.readString(metrics, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      last = Math.max(last, Long.parseLong(m.group(1)));
    }
    return last;
  }

  /** downstream.json without its timings (the only part that may differ between runs). */
  private static String transferTable(Path run) throws IOException {
    Predicate<String> timing = l -> l.matches("(?i).*\"[a-z_]*(seconds|_s|_ms|millis|wall)[a-z_]*\".*");
    return Files.readAllLines(run.resolve("downstream.json")).stream().filter(timing.negate())
        .collect(Collectors.joining("\n"));
  }
}
