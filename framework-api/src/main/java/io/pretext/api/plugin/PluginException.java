package io.pretext.api.plugin;

import io.pretext.api.PretextUserException;

/** A plugin problem the user can fix: an unknown name, two plugins with one name, a broken plugin jar. */
public class PluginException extends PretextUserException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
