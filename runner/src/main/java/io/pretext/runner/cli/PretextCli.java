package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.core.train.TrainingStopped;
import io.pretext.runner.Bootstrap;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pretext} command. Exit codes: 0 success, 2 a user error (config, data, arguments:
 * one paragraph, no stack trace), 1 an internal error, 130 or 143 stopped by SIGINT or SIGTERM
 * after a checkpoint (continue with {@code pretext resume RUN_DIR}).
 */
@Command(
    name = "pretext",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Self-supervised pretraining: pretext task, transfer with few labels, ONNX export.",
    subcommands = {
      PluginsCommand.class,
      ConfigCommand.class,
      DataCommand.class,
      RunCommand.class,
      ResumeCommand.class,
      PretrainCommand.class,
      TransferCommand.class,
      CompareCommand.class,
      ExportCommand.class,
      EmbedCommand.class,
      PredictCommand.class,
      FillMaskCommand.class,
      MlmEvalCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PretextCli implements Runnable {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int USER_ERROR = 2;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), Bootstrap::discover);
    System.exit(code);
  }

  /** Runs the CLI with the given streams and plugin discovery; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Supplier<Bootstrap> bootstrap) {
    CommandLine cli = new CommandLine(new PretextCli(), new CommandFactory(bootstrap));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof TrainingStopped stopped) {
        commandLine.getErr().println(stopped.getMessage());
        return stopped.exitCode();
      }
      if (e instanceof PretextUserException) {
        commandLine.getErr().println("error: " + e.getMessage());
        return USER_ERROR;
      }
      commandLine.getErr().println(InternalErrorLog.write(e));
      return INTERNAL_ERROR;
    });
    cli.setParameterExceptionHandler((e, parsed) -> {
      CommandLine c = e.getCommandLine();
      c.getErr().println("error: " + e.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
      return USER_ERROR;
    });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only exceptions to the handler above; the heap running out is the user's to fix
      err.println("error: the Java heap ran out of memory (" + e.getMessage() + ", at most "
          + Runtime.getRuntime().maxMemory() / (1L << 20) + " MiB); lower train.batch-size or the image and crop"
          + " sizes, or raise the heap with PRETEXT_JAVA_OPTS=-Xmx<size>. A run keeps its last checkpoint and its log.");
      return USER_ERROR;
    }
  }

  /** Gives commands the shared plugin bootstrap through their constructor. */
  private static final class CommandFactory implements CommandLine.IFactory {
    private final Supplier<Bootstrap> bootstrap;
    private Bootstrap discovered;

    CommandFactory(Supplier<Bootstrap> bootstrap) {
      this.bootstrap = bootstrap;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(Supplier.class).newInstance((Supplier<Bootstrap>) this::bootstrap);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }

    private Bootstrap bootstrap() {
      if (discovered == null) {
        discovered = bootstrap.get();
      }
      return discovered;
    }
  }
}
