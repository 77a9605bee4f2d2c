package io.pretext.api.plugin;

import io.pretext.api.config.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** A run names a plugin that no jar on the classpath provides. */
public class UnknownPluginException extends PluginException {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final transient List<String> known;

  public UnknownPluginException(PluginKind kind, String name, String where, Collection<String> known) {
    super(message(kind, name, where, known));
    this.name = name;
    this.known = List.copyOf(new TreeSet<>(known));
  }

  public String name() {
    return name;
  }

  public List<String> known() {
    return known;
  }

  private static String message(PluginKind kind, String name, String where, Collection<String> known) {
    String list = known.isEmpty() ? "none is installed" : "known: " + String.join(", ", new TreeSet<>(known));
    return "No " + kind.id() + " plugin named '" + name + "'" + (where == null ? "" : " at " + where)
        + Suggestions.didYouMean(name, known) + "; " + list
        + ". Check the spelling, or put the jar that provides it on the classpath (see 'pretext plugins').";
  }
}
