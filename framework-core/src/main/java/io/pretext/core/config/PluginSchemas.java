package io.pretext.core.config;

import io.pretext.api.config.ConfigSchema;

import java.util.Optional;
import java.util.Set;

/** How validation finds the schema of a plugin section: by plugin kind id and name. */
public interface PluginSchemas {

  /** The schema of the named plugin, or empty when no plugin of the kind has that name. */
  Optional<ConfigSchema> schema(String kindId, String name);

  /** The known names of a kind, for "did you mean". */
  Set<String> names(String kindId);
}
