package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InternalErrorTest {
  @Test
  void internalErrorPrintsOneLineAndTheLogPathWithTheTraceInTheLog() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PretextCli.execute(new String[] {"plugins"}, new PrintWriter(out, true), new PrintWriter(err, true),
        () -> { throw new IllegalStateException("discovery broke"); });
    String e = err.toString();
    assertEquals(PretextCli.INTERNAL_ERROR, code, e);
    assertEquals(1, e.strip().lines().count(), e);
    assertTrue(e.contains("internal error: IllegalStateException: discovery broke"), e);
    assertFalse(e.contains("\tat "), e);
    Matcher m = Pattern.compile("the stack trace is in (\\S+\\.log)").matcher(e);
    assertTrue(m.find(), e);
    Path log = Path.of(m.group(1));
    String trace = Files.readString(log);
    assertTrue(trace.contains("discovery broke") && trace.contains("\tat "), trace);
    Files.delete(log);
  }

  @Test
  void userErrorKeepsExitTwoWithoutTrace() {
    CliHarness.Result r = CliHarness.run("run", "/no/such/run.yaml");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
  }

}
