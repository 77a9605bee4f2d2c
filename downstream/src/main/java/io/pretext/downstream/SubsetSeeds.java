package io.pretext.downstream;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The seeds of the labeled subsets ({@link LabeledSubsets}): frozen-feature evaluators (linear
 * probe, kNN, the probes and raw-pixel baselines) run once per {@code downstream.subset-seeds},
 * evaluators that train the encoder once per {@code downstream.end-to-end-seeds}, since each of
 * their runs costs a training. Both default to {@code [0]}, the run's single default draw.
 *
 * @param frozen seeds of the frozen-feature evaluators, distinct, in order
 * @param endToEnd seeds of the end-to-end evaluators, distinct, in order
 */
public record SubsetSeeds(List<Integer> frozen, List<Integer> endToEnd) {
  /** The most seeds a list may hold. */
  public static final int MAX = 100;

  /** One seed, 0, for every evaluator. */
  public static final SubsetSeeds DEFAULT = new SubsetSeeds(List.of(0), List.of(0));

  public SubsetSeeds {
    frozen = check(frozen, "downstream.subset-seeds");
    endToEnd = check(endToEnd, "downstream.end-to-end-seeds");
  }

  /**
   * The two lists of a {@code downstream} section.
   *
   * @throws ConfigException naming the key, for an empty list, a repeated seed or too many seeds
   */
  public static SubsetSeeds fromConfig(ConfigNode downstream) {
    return new SubsetSeeds(seeds(downstream, "subset-seeds"), seeds(downstream, "end-to-end-seeds"));
  }

  /** Every seed of either list, frozen-feature ones first, each once. */
  public List<Integer> all() {
    LinkedHashSet<Integer> out = new LinkedHashSet<>(frozen);
    out.addAll(endToEnd);
    return List.copyOf(out);
  }

  /** The seeds an evaluator kind runs with. */
  public List<Integer> of(boolean endToEndEvaluator) {
    return endToEndEvaluator ? endToEnd : frozen;
  }

  private static List<Integer> seeds(ConfigNode downstream, String key) {
    if (!downstream.has(key)) {
      return List.of(0);
    }
    List<Integer> out = new ArrayList<>();
    for (long s : downstream.getLongList(key)) {
      if (s < 0 || s > Integer.MAX_VALUE) {
        throw ConfigException.at("downstream." + key, "a subset seed is an integer from 0 to " + Integer.MAX_VALUE
            + ", got " + s);
      }
      out.add((int) s);
    }
    return out;
  }

  private static List<Integer> check(List<Integer> seeds, String key) {
    if (seeds.isEmpty()) {
      throw ConfigException.at(key, "lists no seed; give at least one, e.g. [0] (the default) or [0, 1, 2]");
    }
    if (seeds.size() > MAX) {
      throw ConfigException.at(key, "lists " + seeds.size() + " seeds, more than " + MAX
          + "; each seed repeats the evaluations, so give a few, e.g. [0, 1, 2]");
    }
    if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
      throw ConfigException.at(key, "lists a seed twice (" + seeds + "); a repeated seed draws the same subsets,"
          + " so list each seed once");
    }
    for (int s : seeds) {
      if (s < 0) {
        throw ConfigException.at(key, "a subset seed is >= 0, got " + s);
      }
    }
    return List.copyOf(seeds);
  }
}
