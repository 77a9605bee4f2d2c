package io.pretext.core.data.fetch;

import java.util.List;

/** Downloads a Debian package with {@code apt-get download} into a folder, without installing it. */
public final class AptDownloader implements PackageDownloader {
  private final CommandRunner runner;
  private final String executable;

  public AptDownloader() {
    this(new CommandRunner(), "apt-get");
  }

  /** @param executable the apt-get program (a name on the PATH or a path) */
  public AptDownloader(CommandRunner runner, String executable) {
    this.runner = runner;
    this.executable = executable;
  }

  @Override
  public java.nio.file.Path download(PackageSource source, java.nio.file.Path folder) {
    List<String> command = List.of(executable, "download", source.spec());
    try {
      runner.run(command, folder);
    } catch (FetchCommandException e) {
      if (e.stderrTail().contains("Unable to locate package") || e.stderrTail().contains("has no installation candidate")
          || e.stderrTail().contains("Can't select")) {
        throw new FetchCommandException(command, e.exitCode(), e.stderrTail(), "apt-get cannot find the package "
            + source.spec() + " (exit code " + e.exitCode() + "): the package lists are probably missing or old;"
            + " run 'apt-get update' (as root) and try again. apt-get said:\n" + e.stderrTail());
      }
      throw e;
    }
    return Downloads.single(folder, ".deb", source, command);
  }
}
