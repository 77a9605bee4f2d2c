package io.pretext.runner.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's {@code metrics.jsonl}, read into numbers: each line's numeric fields by stream, with
 * per-step series and per-epoch means of the {@code "train"} stream and the values of the
 * {@code "train-summary"} line. Non-numeric fields are ignored. A line that is not valid JSON (the
 * last line of a run that died while writing it) is skipped with a warning. Immutable.
 */
public final class MetricsLog {
  /** The per-step stream written by the pretraining loop. */
  public static final String TRAIN = "train";
  /** The one line the pretraining loop writes at its end. */
  public static final String TRAIN_SUMMARY = "train-summary";
  private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);

  private final Map<String, List<Map<String, Double>>> streams;
  private final List<String> warnings;

  private MetricsLog(Map<String, List<Map<String, Double>>> streams, List<String> warnings) {
    Map<String, List<Map<String, Double>>> copy = new LinkedHashMap<>();
    streams.forEach((k, v) -> copy.put(k, v.stream().map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)))
        .toList()));
    this.streams = Collections.unmodifiableMap(copy);
    this.warnings = List.copyOf(warnings);
  }

  /** Reads the file; bytes that are not UTF-8 (a cut multi-byte character) become U+FFFD. */
  public static MetricsLog read(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8))) {
      return parse(in.lines().toList(), file.toString());
    }
  }

  /** Parses lines of JSON; {@code source} names them in warnings. */
  public static MetricsLog parse(List<String> lines, String source) {
    Map<String, List<Map<String, Double>>> streams = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonObject object;
      try {
        JsonElement e = JsonParser.parseString(line);
        if (!e.isJsonObject()) {
          throw new JsonParseException("not a JSON object");
        }
        object = e.getAsJsonObject();
      } catch (JsonParseException e) {
        boolean last = i == lines.size() - 1;
        String w = source + ":" + (i + 1) + ": skipped " + (last ? "a truncated last line" : "a malformed line")
            + " (" + e.getMessage() + ")";
        LOG.warn(w);
        warnings.add(w);
        continue;
      }
      JsonElement name = object.get("stream");
      String stream = name != null && name.isJsonPrimitive() ? name.getAsString() : "";
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> f : object.entrySet()) {
        if (f.getValue().isJsonPrimitive()) {
          JsonPrimitive p = f.getValue().getAsJsonPrimitive();
          if (p.isNumber()) {
            values.put(f.getKey(), p.getAsDouble());
          } else if (p.isString() && isSpecialNumber(p.getAsString())) {
            values.put(f.getKey(), Double.valueOf(p.getAsString()));
          }
        }
      }
      streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(values);
    }
    return new MetricsLog(streams, warnings);
  }

  private static boolean isSpecialNumber(String s) {
    return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
  }

  /** Every line's numeric values of one stream, in file order; empty for an unknown stream. */
  public List<Map<String, Double>> records(String stream) {
    return streams.getOrDefault(stream, List.of());
  }

  /** The stream names seen, in order of first appearance. */
  public Set<String> streams() {
    return streams.keySet();
  }

  /** The number of {@code train} lines (steps logged). */
  public int trainSteps() {
    return records(TRAIN).size();
  }

  /** The numeric fields of the {@code train} stream, in order of first appearance. */
  public Set<String> trainFields() {
    Set<String> fields = new LinkedHashSet<>();
    for (Map<String, Double> r : records(TRAIN)) {
      fields.addAll(r.keySet());
    }
    return fields;
  }

  /** The step numbers of the {@code train} lines (the line's position, from 1, where a line has none). */
  public double[] steps() {
    List<Map<String, Double>> train = records(TRAIN);
    double[] steps = new double[train.size()];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = train.get(i).getOrDefault("step", (double) (i + 1));
    }
    return steps;
  }

  /** One field of the {@code train} stream per step, aligned with {@link #steps()}; NaN where a line lacks it. */
  public double[] series(String field) {
    List<Map<String, Double>> train = records(TRAIN);
    double[] values = new double[train.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = train.get(i).getOrDefault(field, Double.NaN);
    }
    return values;
  }

  /** The mean of a {@code train} field over each epoch's steps, by epoch; lines without an epoch are left out. */
  public SortedMap<Integer, Double> epochMeans(String field) {
    SortedMap<Integer, double[]> sums = new TreeMap<>();
    for (Map<String, Double> r : records(TRAIN)) {
      Double epoch = r.get("epoch");
      Double v = r.get(field);
      if (epoch != null && v != null && Double.isFinite(v)) {
        double[] s = sums.computeIfAbsent(epoch.intValue(), e -> new double[2]);
        s[0] += v;
        s[1]++;
      }
    }
    SortedMap<Integer, Double> means = new TreeMap<>();
    sums.forEach((e, s) -> means.put(e, s[0] / s[1]));
    return Collections.unmodifiableSortedMap(means);
  }

  /** The median of a {@code train} field over all steps, NaN when no step has it. */
  public double median(String field) {
    return Stats.median(series(field));
  }

  /** The values of the last {@code train-summary} line, if the run got that far. */
  public Optional<Map<String, Double>> summary() {
    List<Map<String, Double>> s = records(TRAIN_SUMMARY);
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
  }

  /** One message per skipped line. */
  public List<String> warnings() {
    return warnings;
  }
}
