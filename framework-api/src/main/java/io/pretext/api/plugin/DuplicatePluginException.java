package io.pretext.api.plugin;

/** Two plugin modules register the same name for the same kind; the message names both origins. */
public class DuplicatePluginException extends PluginException {
  private static final long serialVersionUID = 1L;

  public DuplicatePluginException(PluginRegistration first, PluginRegistration second) {
    super("Two plugins register the " + first.kind().id() + " name '" + first.name() + "': "
        + first.factoryClass().getName() + " from " + first.origin() + ", and "
        + second.factoryClass().getName() + " from " + second.origin()
        + ". Remove one of the jars from the classpath, or rename one plugin.");
  }
}
