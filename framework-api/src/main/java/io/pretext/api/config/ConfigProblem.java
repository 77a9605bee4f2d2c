package io.pretext.api.config;

/**
 * One thing wrong with a run's configuration.
 *
 * @param path the full key path, e.g. {@code augment[1].scale}
 * @param message what is wrong and what to do
 * @param line the 1-based line in the YAML file, or 0 when the key is not in the file
 */
public record ConfigProblem(String path, String message, int line) {
  /** Key paths longer than this are cut in messages, so a megabyte-long key is not echoed. */
  static final int MAX_SHOWN_PATH = 120;

  /** The path as messages show it: cut after {@value #MAX_SHOWN_PATH} characters, with its length. */
  public String shownPath() {
    return path.length() <= MAX_SHOWN_PATH ? path
        : path.substring(0, MAX_SHOWN_PATH) + "... (a key path of " + path.length() + " characters)";
  }

  @Override
  public String toString() {
    String where = line > 0 ? " (line " + line + ")" : "";
    return shownPath() + where + ": " + message;
  }
}
