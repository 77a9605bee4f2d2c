package io.pretext.runner.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Transfer results as a table: one row per method (in the order first given), one column per label
 * count (ascending), each cell an accuracy in percent or blank. Immutable; fill one with {@link
 * #builder()}:
 *
 * <pre>{@code
 * DownstreamResults.builder().put("linear probe", 100, 71.25).put("from scratch", 100, 52.5).build();
 * }</pre>
 */
public final class DownstreamResults {
  private final String caption;
  private final List<Long> labelCounts;
  private final Map<String, Map<Long, Double>> rows;

  private DownstreamResults(Builder b) {
    this.caption = b.caption;
    SortedSet<Long> counts = new TreeSet<>();
    Map<String, Map<Long, Double>> copy = new LinkedHashMap<>();
    b.rows.forEach((method, cells) -> {
      counts.addAll(cells.keySet());
      copy.put(method, Collections.unmodifiableMap(new TreeMap<>(cells)));
    });
    counts.addAll(b.extraColumns);
    this.labelCounts = List.copyOf(counts);
    this.rows = Collections.unmodifiableMap(copy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A line said above the table (e.g. the data set and split), empty when none. */
  public String caption() {
    return caption;
  }

  /** The columns: label counts, ascending. */
  public List<Long> labelCounts() {
    return labelCounts;
  }

  /** The rows' method names, in the order first given. */
  public List<String> methods() {
    return List.copyOf(rows.keySet());
  }

  /** The accuracy (percent) of a method with a label count; empty for a blank cell. */
  public OptionalDouble accuracy(String method, long labels) {
    Double v = rows.getOrDefault(method, Map.of()).get(labels);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Collects cells. */
  public static final class Builder {
    private String caption = "";
    private final Map<String, Map<Long, Double>> rows = new LinkedHashMap<>();
    private final List<Long> extraColumns = new ArrayList<>();

    private Builder() {}

    public Builder caption(String text) {
      this.caption = Objects.requireNonNull(text, "caption");
      return this;
    }

    /** Sets one cell: {@code method} trained with {@code labels} labels reached {@code accuracyPercent}. */
    public Builder put(String method, long labels, double accuracyPercent) {
      Objects.requireNonNull(method, "method");
      checkLabels(labels);
      if (!Double.isFinite(accuracyPercent)) {
        throw new IllegalArgumentException("accuracy of " + method + " with " + labels + " labels is "
            + accuracyPercent + "; leave the cell out instead");
      }
      rows.computeIfAbsent(method, m -> new LinkedHashMap<>()).put(labels, accuracyPercent);
      return this;
    }

    /** Adds a row with no cells yet (shown blank), e.g. a method that failed. */
    public Builder method(String method) {
      rows.computeIfAbsent(Objects.requireNonNull(method, "method"), m -> new LinkedHashMap<>());
      return this;
    }

    /** Adds a column even if no cell has it (shown blank). */
    public Builder labelCount(long labels) {
      checkLabels(labels);
      extraColumns.add(labels);
      return this;
    }

    public DownstreamResults build() {
      return new DownstreamResults(this);
    }

    private static void checkLabels(long labels) {
      if (labels <= 0) {
        throw new IllegalArgumentException("a label count must be positive, was " + labels);
      }
    }
  }
}
