package io.pretext.runner.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"pretext " + current()};
  }

  static String current() {
    return io.pretext.runner.onnx.RunExport.frameworkVersion();
  }
}
