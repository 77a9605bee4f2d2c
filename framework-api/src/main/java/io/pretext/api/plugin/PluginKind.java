package io.pretext.api.plugin;

import io.pretext.api.spi.Augmenter;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.Encoder;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of plugin, each with the interface its factories create and its id in messages and config. */
public enum PluginKind {
  PRETEXT_TASK("pretext-task", PretextTask.class),
  AUGMENTER("augmenter", Augmenter.class),
  ENCODER("encoder", Encoder.class),
  HEAD("head", Head.class),
  DATA_SOURCE("data-source", DataSource.class),
  EVALUATOR("evaluator", DownstreamEvaluator.class);

  private final String id;
  private final Class<?> type;

  PluginKind(String id, Class<?> type) {
    this.id = id;
    this.type = type;
  }

  /** The id used in schemas, messages and the Guice map's name, e.g. {@code augmenter}. */
  public String id() {
    return id;
  }

  /** The interface that factories of this kind create. */
  public Class<?> type() {
    return type;
  }

  public static Optional<PluginKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }
}
