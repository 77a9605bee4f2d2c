package io.pretext.api.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a training metric's name becomes its key in {@code metrics.jsonl}: the one convention, used
 * by the training loop and the held-out evaluation for the metrics a task returns from {@code
 * PretextTask.trainingMetrics()}.
 *
 * <p>The key is the name in snake_case: words split at case changes, spaces and punctuation, joined
 * with {@code _}, in lower case ({@code Accuracy} → {@code accuracy}, {@code TopKAccuracy} → {@code
 * top_k_accuracy}, {@code masked-top5} → {@code masked_top5}). A name whose key is one the loop
 * writes itself ({@link #LOOP_KEYS}), is empty, or is the key of another metric of the same task is
 * refused: rename the metric.
 */
public final class MetricNames {
  /** The keys the framework writes itself on a {@code train} or {@code held-out} line. */
  public static final Set<String> LOOP_KEYS =
      Set.of("step", "epoch", "loss", "samples", "samples_per_s", "wait_ms", "step_ms");

  private static final Pattern LOWER_UPPER = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern ACRONYM_WORD = Pattern.compile("([A-Z]+)([A-Z][a-z])");
  private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

  private MetricNames() {}

  /**
   * The {@code metrics.jsonl} key of one metric name.
   *
   * @throws IllegalArgumentException when the key is empty or one of {@link #LOOP_KEYS}
   */
  public static String key(String metricName) {
    String words = ACRONYM_WORD.matcher(LOWER_UPPER.matcher(metricName).replaceAll("$1_$2")).replaceAll("$1_$2");
    String key = SEPARATORS.matcher(words).replaceAll("_").replaceAll("^_+|_+$", "").toLowerCase(Locale.ROOT);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("The training metric '" + metricName + "' has no letters or digits in its"
          + " name; name it, e.g. 'rotation_accuracy'.");
    }
    if (LOOP_KEYS.contains(key)) {
      throw new IllegalArgumentException("The training metric '" + metricName + "' would be written as '" + key
          + "', a key the training loop writes itself (" + String.join(", ", LOOP_KEYS.stream().sorted().toList())
          + "); rename it, e.g. 'pretext_" + key + "'.");
    }
    return key;
  }

  /**
   * The keys of a task's metric names, in order.
   *
   * @throws IllegalArgumentException as {@link #key}, or when two names give the same key
   */
  public static List<String> keys(List<String> metricNames) {
    List<String> out = new ArrayList<>(metricNames.size());
    Map<String, String> byKey = new HashMap<>();
    for (String name : metricNames) {
      String key = key(name);
      String before = byKey.putIfAbsent(key, name);
      if (before != null) {
        throw new IllegalArgumentException("The training metrics '" + before + "' and '" + name
            + "' would both be written as '" + key + "'; give them different names.");
      }
      out.add(key);
    }
    return List.copyOf(out);
  }
}
