package io.pretext.runner;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Copies every log line of a run into its run directory's log file while the run lasts. */
public final class RunLogFile implements AutoCloseable {
  private final FileAppender<ILoggingEvent> appender;
  private final Logger root;

  private RunLogFile(FileAppender<ILoggingEvent> appender, Logger root) {
    this.appender = appender;
    this.root = root;
  }

  /** Starts copying log lines into {@code file} (appending, so a resumed run keeps its history). */
  public static RunLogFile open(Path file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new RunLogFile(null, null);
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("run-log");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setImmediateFlush(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new RunLogFile(appender, root);
  }

  @Override
  public void close() {
    if (appender != null) {
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
