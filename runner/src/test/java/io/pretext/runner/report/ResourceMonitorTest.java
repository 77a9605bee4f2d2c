package io.pretext.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pretext.api.runtime.MetricsSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMonitorTest {
  @TempDir
  Path dir;

  @Test
  void readsAPositiveRssOnLinux() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc (Linux)");
    ResourceMonitor monitor = new ResourceMonitor();
    assertTrue(monitor.available());
    long rss = monitor.rssBytes().orElseThrow();
    assertTrue(rss > 1024 * 1024, "a JVM holds more than 1 MiB: " + rss);
    assertTrue(monitor.recordEpoch(1).isPresent());
    assertTrue(monitor.peakRssBytes().orElseThrow() >= monitor.samples().get(0).rssBytes());
  }

  @Test
  void parsesTheStatusFormat() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");
    ResourceMonitor monitor = new ResourceMonitor(status);
    assertEquals(OptionalLong.of(100L << 20), monitor.rssBytes());
    assertEquals(OptionalLong.of(200L << 20), monitor.peakRssBytes());
  }

  @Test
  void withoutProcEverythingIsEmpty() {
    ResourceMonitor monitor = new ResourceMonitor(dir.resolve("absent"));
    assertFalse(monitor.available());
    assertTrue(monitor.recordEpoch(1).isEmpty());
    assertTrue(monitor.peakRssBytes().isEmpty());
    assertTrue(monitor.samples().isEmpty());
  }

  @Test
  void watchingSinkSamplesAtEachEpochEnd() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "VmRSS:\t 1000 kB\nVmHWM:\t 1500 kB\n");
    ResourceMonitor monitor = new ResourceMonitor(status);
    List<String> streams = new ArrayList<>();
    MetricsSink sink = monitor.watching((stream, values) -> streams.add(stream + values.get("epoch")));
    sink.record("train", Map.of("step", 1, "epoch", 1));
    sink.record("train", Map.of("step", 2, "epoch", 1));
    sink.record("train", Map.of("step", 3, "epoch", 2));
    sink.record("train-summary", Map.of("steps", 3, "epochs", 2));
    assertEquals(List.of("train1", "train1", "resources1", "train2", "resources2", "train-summarynull"), streams);
    assertEquals(List.of(1, 2), monitor.samples().stream().map(ResourceMonitor.Sample::epoch).toList());
  }
}
