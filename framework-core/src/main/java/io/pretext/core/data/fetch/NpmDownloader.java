package io.pretext.core.data.fetch;

import java.nio.file.Path;
import java.util.List;

/** Downloads an npm package tarball with {@code npm pack} into a folder. */
public final class NpmDownloader implements PackageDownloader {
  private final CommandRunner runner;
  private final String executable;

  public NpmDownloader() {
    this(new CommandRunner(), "npm");
  }

  /** @param executable the npm program (a name on the PATH or a path) */
  public NpmDownloader(CommandRunner runner, String executable) {
    this.runner = runner;
    this.executable = executable;
  }

  @Override
  public Path download(PackageSource source, Path folder) {
    List<String> command = List.of(executable, "pack", source.spec());
    try {
      runner.run(command, folder);
    } catch (FetchCommandException e) {
      if (e.stderrTail().contains("404") || e.stderrTail().contains("ETARGET")) {
        throw new FetchCommandException(command, e.exitCode(), e.stderrTail(), "npm cannot find the package "
            + source.spec() + " (exit code " + e.exitCode() + "); check the package name and version and that"
            + " npm's registry is reachable. npm said:\n" + e.stderrTail());
      }
      throw e;
    }
    return Downloads.single(folder, ".tgz", source, command);
  }
}
