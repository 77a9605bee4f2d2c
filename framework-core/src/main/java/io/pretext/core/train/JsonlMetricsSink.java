package io.pretext.core.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.pretext.api.runtime.MetricsSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each record as one JSON object per line, {@code {"stream": "train", ...values}},
 * flushed at once so a crashed run keeps every line written. Thread-safe.
 */
public final class JsonlMetricsSink implements MetricsSink {
  private final Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
  private final Path path;
  private final BufferedWriter out;
  private boolean closed;

  /** Opens (appending to) the file; creates it and its folder when missing. */
  public JsonlMetricsSink(Path path) {
    this.path = path;
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw RunDirectory.ioFailure("open metrics file", path, e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void record(String stream, Map<String, ?> values) {
    if (closed) {
      throw new IllegalStateException("metrics sink " + path + " is closed");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("stream", stream);
    values.forEach((k, v) -> {
      if (!"stream".equals(k)) {
        line.put(k, v);
      }
    });
    try {
      out.write(gson.toJson(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw RunDirectory.ioFailure("write metrics to", path, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
