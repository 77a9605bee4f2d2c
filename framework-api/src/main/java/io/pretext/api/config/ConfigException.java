package io.pretext.api.config;

import io.pretext.api.PretextUserException;
import java.util.List;
import java.util.stream.Collectors;

/** A run configuration that cannot be used; lists every problem found, each with its key path. */
public class ConfigException extends PretextUserException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  public ConfigException(String source, List<ConfigProblem> problems) {
    super(format(source, problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String source, ConfigProblem problem) {
    this(source, List.of(problem));
  }

  /** A single problem with no line information. */
  public static ConfigException at(String path, String message) {
    return new ConfigException("configuration", new ConfigProblem(path, message, 0));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(String source, List<ConfigProblem> problems) {
    String head = problems.size() == 1 ? "Invalid configuration in " + source + ": "
        : "Invalid configuration in " + source + " (" + problems.size() + " problems): ";
    return head + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
  }
}
