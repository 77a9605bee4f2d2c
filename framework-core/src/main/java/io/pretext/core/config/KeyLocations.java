package io.pretext.core.config;

import io.pretext.api.config.ConfigProblem;
import java.util.Map;
import java.util.Set;

/**
 * Where the keys of one run file are: the line of each key path ({@code a.b}, {@code list[2].c})
 * and the paths set on the command line. Places a problem at its key, for the validator and for
 * the checks made after it (a plugin factory's {@code create}), so both read the same.
 */
public final class KeyLocations {
  private static final String OVERRIDDEN = " (set on the command line)";
  private final Map<String, Integer> lines;
  private final Set<String> overridden;

  /**
   * @param lines the line of each key path in the YAML file (may be empty)
   * @param overridden key paths set on the command line, named as such in messages
   */
  public KeyLocations(Map<String, Integer> lines, Set<String> overridden) {
    this.lines = Map.copyOf(lines);
    this.overridden = Set.copyOf(overridden);
  }

  /** No file: every problem without a line. */
  public static KeyLocations none() {
    return new KeyLocations(Map.of(), Set.of());
  }

  /** A problem with a key that is given (in the file or on the command line): the key's line. */
  public ConfigProblem at(String path, String message) {
    String suffix = overridden.contains(path) ? OVERRIDDEN : "";
    return new ConfigProblem(path, message + suffix, lines.getOrDefault(path, 0));
  }

  /** A problem with a key that is absent: its parent's line. */
  public ConfigProblem under(String path, String parent, String message) {
    return new ConfigProblem(path, message, lines.getOrDefault(parent, 0));
  }

  /**
   * A problem found without a line (e.g. by a plugin's {@code create}) placed at its key: the key's
   * line when it is given, else the line of the nearest enclosing key in the file (the value came
   * from a default). A problem that has a line is returned as it is.
   */
  public ConfigProblem place(ConfigProblem problem) {
    String path = problem.path();
    if (problem.line() > 0) {
      return problem;
    }
    if (lines.containsKey(path) || overridden.contains(path)) {
      return at(path, problem.message());
    }
    for (String p = parent(path); !p.isEmpty(); p = parent(p)) {
      if (lines.containsKey(p)) {
        return under(path, p, problem.message());
      }
    }
    return problem;
  }

  /** {@code augment[0].size} → {@code augment[0]} → {@code augment} → empty. */
  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }
}
