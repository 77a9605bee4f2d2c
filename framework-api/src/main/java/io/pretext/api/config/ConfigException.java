package io.pretext.api.config;

import io.pretext.api.PretextUserException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A run configuration that cannot be used; lists every problem found, each with its key path.
 *
 * <p>The validator knows the file and each key's line. A check made later, e.g. in a plugin
 * factory's {@code create}, knows only the key: it throws {@link #at}, and the framework, which
 * knows the file, places it there with {@link #locatedIn} before the user sees it.
 */
public class ConfigException extends PretextUserException {
  private static final long serialVersionUID = 1L;
  private static final String UNLOCATED = "configuration";
  private final transient List<ConfigProblem> problems;
  private final boolean located;

  public ConfigException(String source, List<ConfigProblem> problems) {
    this(source, problems, true, null);
  }

  public ConfigException(String source, ConfigProblem problem) {
    this(source, List.of(problem));
  }

  private ConfigException(String source, List<ConfigProblem> problems, boolean located, Throwable cause) {
    super(format(source, problems), cause);
    this.problems = List.copyOf(problems);
    this.located = located;
  }

  /** A single problem at a key, found outside the file (no file name, no line until {@link #locatedIn}). */
  public static ConfigException at(String path, String message) {
    return new ConfigException(UNLOCATED, List.of(new ConfigProblem(path, message, 0)), false, null);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Whether the message names the file the problems are in (false for {@link #at} until placed). */
  public boolean located() {
    return located;
  }

  /**
   * This exception placed in its file: {@code source} named and each problem passed through {@code
   * place} (which gives it its line); this exception itself when it is located already.
   */
  public ConfigException locatedIn(String source, UnaryOperator<ConfigProblem> place) {
    if (located) {
      return this;
    }
    return new ConfigException(source, problems.stream().map(place).toList(), true, this);
  }

  private static String format(String source, List<ConfigProblem> problems) {
    String head = problems.size() == 1 ? "Invalid configuration in " + source + ": "
        : "Invalid configuration in " + source + " (" + problems.size() + " problems): ";
    return head + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
  }
}
