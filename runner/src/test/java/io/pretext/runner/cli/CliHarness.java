package io.pretext.runner.cli;

import io.pretext.runner.Bootstrap;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with real plugin discovery and captures what it prints. */
final class CliHarness {
  record Result(int code, String out, String err) {}

  private CliHarness() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PretextCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Bootstrap::discover);
    return new Result(code, out.toString(), err.toString());
  }
}
