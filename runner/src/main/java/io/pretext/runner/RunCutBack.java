package io.pretext.runner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pretext.api.io.AtomicFiles;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a run's {@code metrics.jsonl} and {@code run.log} back to a checkpoint's step before the run
 * resumes from it, so that what the stopped run wrote after that step (and would write again) shows
 * once: plots have no loops. The metrics keep every line up to the {@value PretrainLoop#STREAM} line
 * of the step; the log keeps every line before the first that reports a later step or the end of
 * pretraining.
 */
final class RunCutBack {
  private static final Pattern LOGGED_STEP = Pattern.compile("step (\\d+)/\\d+ ");

  private RunCutBack() {}

  static void to(RunDirectory runDir, long step) {
    cutMetrics(runDir.metrics(), step);
    cutLog(runDir.log(), step);
  }

  private static void cutMetrics(Path file, long step) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    List<String> kept = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines) {
        if (step == 0) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        JsonObject o;
        try {
          o = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
          break; // a line the killed run left half-written
        }
        kept.add(line);
        if (o.has("stream") && PretrainLoop.STREAM.equals(o.get("stream").getAsString())
            && o.has("step") && o.get("step").getAsLong() >= step) {
          break;
        }
      }
      write(file, kept);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot cut back the metrics " + file + " to the checkpoint: " + e.getMessage(), e);
    }
  }

  private static void cutLog(Path file, long step) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    List<String> kept = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        Matcher m = LOGGED_STEP.matcher(line);
        if ((m.find() && Long.parseLong(m.group(1)) > step) || line.contains("pretraining done")) {
          break;
        }
        kept.add(line);
      }
      byte[] text = (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.ISO_8859_1);
      AtomicFiles.write(file, out -> out.write(text));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot cut back the log " + file + " to the checkpoint: " + e.getMessage(), e);
    }
  }

  private static void write(Path file, List<String> lines) throws IOException {
    byte[] text = (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(text));
  }
}
