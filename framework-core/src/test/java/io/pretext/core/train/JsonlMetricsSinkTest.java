package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricsSinkTest {
  @TempDir Path tmp;

  @Test
  void writesOneCompleteJsonLinePerRecordFromManyThreads() throws Exception {
    Path file = tmp.resolve("run").resolve("metrics.jsonl");
    try (JsonlMetricsSink sink = new JsonlMetricsSink(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        int thread = t;
        pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            sink.record("train", Map.of("thread", thread, "i", i, "loss", 0.5));
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      sink.record("eval", Map.of("loss", Double.NaN));
      assertEquals(201, Files.readAllLines(file).size(), "every record is flushed at once");
    }
    List<String> lines = Files.readAllLines(file);
    JsonObject first = new Gson().fromJson(lines.get(0), JsonObject.class);
    assertEquals("train", first.get("stream").getAsString());
    assertEquals(0.5, first.get("loss").getAsDouble());
    assertEquals("{\"stream\":\"eval\",\"loss\":NaN}", lines.get(200));
  }
}
