package io.pretext.api;

/**
 * An error the user can cause and fix: a bad config, bad data, a missing plugin, a bad path.
 *
 * <p>The message says what was wrong, where (file, key, line, sample index) and what to do. The CLI
 * prints it as one paragraph without a stack trace and exits with status 2. Anything else that
 * escapes is an internal error (status 1).
 */
public class PretextUserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PretextUserException(String message) {
    super(message);
  }

  public PretextUserException(String message, Throwable cause) {
    super(message, cause);
  }
}
