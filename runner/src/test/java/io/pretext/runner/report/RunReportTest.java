package io.pretext.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.core.train.RunDirectory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
  private static final OffsetDateTime WHEN = OffsetDateTime.of(2025, 5, 1, 12, 30, 0, 0, ZoneOffset.UTC);
  @TempDir
  Path dir;

  private RunDirectory runWithMetrics(int steps, boolean summary, String tail) throws Exception {
    RunDirectory run = RunDirectory.create(dir.resolve("runs/simclr-mnist"));
    Files.writeString(run.config(), "# resolved from run.yaml\npretext:\n  name: simclr\n  temperature: 0.5\n");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= steps; i++) {
      lines.add(MetricsLogTest.trainLine(i, 1 + (i - 1) / 100, 2.0 * Math.exp(-i / 80.0) + 0.05 * Math.sin(i)));
    }
    if (summary) {
      lines.add("{\"stream\":\"resources\",\"epoch\":3,\"rss_bytes\":4.0E8,\"peak_rss_bytes\":5.24288E8}");
      lines.add("{\"stream\":\"train-summary\",\"steps\":" + steps + ",\"epochs\":3,\"final_loss\":0.1234,"
          + "\"mean_step_ms\":12.0,\"median_step_ms\":11.5,\"data_wait_fraction\":0.032,\"wall_s\":75.5}");
    }
    Files.writeString(run.metrics(), String.join("\n", lines) + "\n" + tail);
    return run;
  }

  private static DownstreamResults results() {
    return DownstreamResults.builder().caption("MNIST test split, 10 000 images.")
        .put("linear probe", 100, 71.254).put("linear probe", 600, 85).put("linear probe", 6000, 93.4)
        .put("fine-tune", 100, 74.5).put("fine-tune", 6000, 96.2)
        .put("from scratch", 100, 52).put("from scratch", 600, 70.125).put("from scratch", 6000, 91)
        .build();
  }

  @Test
  void fullReportHasEverySectionTableRowsAndImages() throws Exception {
    RunDirectory run = runWithMetrics(300, true, "");
    ReportData data = ReportData.builder().fromRun(run).generatedAt(WHEN)
        .stage("pretrain", Duration.ofSeconds(76)).stage("transfer", Duration.ofMillis(12_300))
        .stage("export", Duration.ofMillis(850))
        .downstream(results())
        .export("encoder.onnx (1.2 MiB), max |ONNX − Java| = 3.1e-06")
        .note("seed 42, 4 threads")
        .build();
    Path report = new RunReport().write(run, data);
    String md = Files.readString(report);
    assertEquals(run.report(), report);
    assertTrue(md.startsWith("# Pretext run report — simclr-mnist\n"), md);
    assertTrue(md.contains("Generated 2025-05-01 12:30:00 +00:00"), md);
    assertTrue(md.contains("```yaml\n# resolved from run.yaml\npretext:\n  name: simclr\n  temperature: 0.5\n```"), md);
    assertTrue(md.contains("| steps | 300 |"), md);
    assertTrue(md.contains("| final loss | 0.1234 |"), md);
    assertTrue(md.contains("| median step | 11.5 ms |"), md);
    assertTrue(md.contains("| throughput (median) | 251 samples/s |"), md);
    assertTrue(md.contains("| waiting for data | 3.2 % |"), md);
    assertTrue(md.contains("| wall time | 1 min 15 s |"), md);
    assertTrue(md.contains("| peak RSS | 500.0 MiB |"), md);
    assertTrue(md.contains("![Loss per step](plots/loss.png)"), md);
    assertTrue(md.contains("| epoch | mean loss | mean samples/s |"), md);
    assertTrue(md.contains("### Stage timings"), md);
    assertTrue(md.contains("| pretrain | 1 min 16 s |\n| transfer | 12.3 s |\n| export | 850 ms |"), md);
    assertTrue(md.contains("| method | 100 labels | 600 labels | 6000 labels |\n|---|--:|--:|--:|\n"), md);
    assertTrue(md.contains("| linear probe | 71.25 | 85.00 | 93.40 |"), md);
    assertTrue(md.contains("| fine-tune | 74.50 |  | 96.20 |"), md);
    assertTrue(md.contains("| from scratch | 52.00 | 70.13 | 91.00 |"), md);
    assertTrue(md.contains("![Accuracy against labeled examples](plots/label-efficiency.png)"), md);
    assertTrue(md.contains("## Export\n\n- encoder.onnx (1.2 MiB), max |ONNX − Java| = 3.1e-06\n"), md);
    assertTrue(md.contains("## Notes\n\n- seed 42, 4 threads\n"), md);
    for (String plot : List.of("loss.png", "label-efficiency.png")) {
      BufferedImage img = ImageIO.read(run.plots().resolve(plot).toFile());
      assertNotNull(img, plot);
      assertEquals(800, img.getWidth());
    }
  }

  @Test
  void absentSectionsAreLeftOut() throws Exception {
    RunDirectory run = RunDirectory.create(dir.resolve("runs/bare"));
    String md = Files.readString(new RunReport().write(run, ReportData.builder().generatedAt(WHEN).build()));
    for (String section : List.of("## Configuration", "## Pretraining", "## Downstream", "## Export", "## Notes",
        "Stage timings", "![")) {
      assertFalse(md.contains(section), section + " in\n" + md);
    }
    assertTrue(md.startsWith("# Pretext run report — bare\n"));
    assertFalse(Files.exists(run.plots().resolve("loss.png")));
    assertFalse(Files.exists(run.plots().resolve("label-efficiency.png")));
  }

  @Test
  void onlyDownstreamAndTimings() throws Exception {
    RunDirectory run = RunDirectory.create(dir.resolve("runs/transfer-only"));
    ReportData data = ReportData.builder().generatedAt(WHEN).downstream(results())
        .stage("transfer", Duration.ofMinutes(61)).build();
    String md = Files.readString(new RunReport().write(run, data));
    assertFalse(md.contains("## Pretraining"), md);
    assertTrue(md.contains("## Stage timings\n\n| stage | time |\n|---|--:|\n| transfer | 1 h 01 min |"), md);
    assertTrue(md.contains("## Downstream\n\nMNIST test split, 10 000 images.\n"), md);
    assertTrue(Files.exists(run.plots().resolve("label-efficiency.png")));
  }

  @Test
  void runThatDiedReportsWhatItLoggedAndTheSkippedLine() throws Exception {
    RunDirectory run = runWithMetrics(40, false, "{\"stream\":\"train\",\"step\":41,\"ep");
    String md = Files.readString(new RunReport().write(run, ReportData.builder().fromRun(run).generatedAt(WHEN)
        .build()));
    assertTrue(md.contains("| steps | 40 |"), md);
    assertTrue(md.contains("The run ended before its summary line"), md);
    assertTrue(md.contains("## Notes\n\n- metrics.jsonl:41: skipped a truncated last line"), md);
    assertTrue(md.contains("![Loss per step](plots/loss.png)"), md);
    assertFalse(md.contains("peak RSS"), md);
  }

  @Test
  void methodNamesAreEscapedInTheTable() throws Exception {
    RunDirectory run = RunDirectory.create(dir.resolve("runs/escape"));
    DownstreamResults d = DownstreamResults.builder().put("kNN | k=20", 100, 60).method("failed method").build();
    String md = Files.readString(new RunReport().write(run, ReportData.builder().downstream(d).build()));
    assertTrue(md.contains("| kNN \\| k=20 | 60.00 |"), md);
    assertTrue(md.contains("| failed method |  |"), md);
  }
}
