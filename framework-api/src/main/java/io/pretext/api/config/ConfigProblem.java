package io.pretext.api.config;

/**
 * One thing wrong with a run's configuration.
 *
 * @param path the full key path, e.g. {@code augment[1].scale}
 * @param message what is wrong and what to do
 * @param line the 1-based line in the YAML file, or 0 when the key is not in the file
 */
public record ConfigProblem(String path, String message, int line) {

  @Override
  public String toString() {
    String where = line > 0 ? " (line " + line + ")" : "";
    return path + where + ": " + message;
  }
}
