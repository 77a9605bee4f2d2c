package io.pretext.runner.cli;

import io.pretext.api.config.KeySpec;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.plugin.PluginRegistration;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.runner.Bootstrap;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext plugins}: every installed plugin by kind, with where it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the installed plugins by kind, with the jar each came from.")
final class PluginsCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Option(names = "--keys", description = "Also list each plugin's config keys.")
  private boolean keys;

  PluginsCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    PluginRegistry registry = bootstrap.get().registry();
    for (PluginKind kind : PluginKind.values()) {
      List<PluginRegistration> regs = registry.registrations().stream()
          .filter(r -> r.kind() == kind)
          .sorted(Comparator.comparing(PluginRegistration::name))
          .toList();
      out.println(kind.id() + " (" + regs.size() + ")");
      for (PluginRegistration r : regs) {
        PluginFactory<?> f = registry.factory(kind, r.name(), null);
        out.printf("  %-20s %s%n  %-20s from %s%n", r.name(), f.description(), "", r.origin());
        if (keys) {
          f.schema().keys().stream().filter(k -> k.shape() != KeySpec.Shape.REFUSED).forEach(k -> out.printf("  %-20s   %s%n", "", key(k)));
        }
      }
    }
  }

  /** One key: {@code name: type, default D - description}. */
  private static String key(KeySpec k) {
    String type = k.type() == null ? k.shape().name().toLowerCase(Locale.ROOT) : k.type().describe()
        + (k.required() ? ", required" : k.defaultValue() == null ? "" : ", default " + k.defaultValue());
    return k.name() + ": " + type + (k.description().isEmpty() ? "" : " - " + k.description());
  }
}
