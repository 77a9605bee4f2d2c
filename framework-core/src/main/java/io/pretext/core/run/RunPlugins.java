package io.pretext.core.run;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.plugin.RunFacts;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Augmenter;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.Encoder;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plugins a run names, created from its validated config, with their sample types checked
 * against each other before any data is read.
 *
 * @param data the data source
 * @param task the pretext task
 * @param encoder the encoder
 * @param augment the augmentation pipeline
 * @param head the head, when the run names one
 * @param evaluators the downstream evaluators, in table order
 * @param preprocess the {@code downstream.preprocess} pipeline, applied to every labeled and test sample
 * @param transferData the labeled data of the transfer step: {@code downstream.data}, else {@code data}
 */
public record RunPlugins(
    DataSource data, PretextTask task, Encoder encoder, AugmentPipeline augment, Optional<Head> head,
    List<DownstreamEvaluator> evaluators, AugmentPipeline preprocess, DataSource transferData) {

  /**
   * Creates every plugin the config names: each factory's {@code create} checks its section.
   *
   * @throws ConfigException placed in the run's file (key and line) when a plugin refuses its section
   */
  public static RunPlugins create(RunConfig config, PluginRegistry registry) {
    try {
      return createAll(config, registry);
    } catch (ConfigException e) {
      throw config.locate(e);
    }
  }

  private static RunPlugins createAll(RunConfig config, PluginRegistry registry) {
    DataSource data = registry.create(PluginKind.DATA_SOURCE, DataSource.class, config.data());
    ConfigNode taskSection = config.pretext().orElseThrow(
        () -> ConfigException.at(RunSchema.PRETEXT, "required section is missing"));
    PretextTask task = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class, taskSection);
    Encoder encoder = registry.create(PluginKind.ENCODER, Encoder.class, config.encoder());
    AugmentPipeline augment = pipeline(config.augment(), registry, data);
    RunFacts facts = facts(config, data, augment);
    checkRun(registry, PluginKind.PRETEXT_TASK, taskSection, facts);
    checkRun(registry, PluginKind.ENCODER, config.encoder(), facts);
    checkRun(registry, PluginKind.DATA_SOURCE, config.data(), facts);
    Optional<Head> head = config.head().map(h -> registry.create(PluginKind.HEAD, Head.class, h));
    config.head().ifPresent(h -> checkRun(registry, PluginKind.HEAD, h, facts));
    List<DownstreamEvaluator> evaluators = new ArrayList<>();
    for (ConfigNode e : config.downstream().getNodeList("evaluators")) {
      evaluators.add(registry.create(PluginKind.EVALUATOR, DownstreamEvaluator.class, e));
    }
    requireSampleType(taskSection.pathOf("name"), "pretext task '" + taskSection.getString("name") + "'", task.sampleType(), data);
    DataSource transferData = config.downstream().has(RunSchema.DATA)
        ? registry.create(PluginKind.DATA_SOURCE, DataSource.class, config.downstream().getNode(RunSchema.DATA))
        : data;
    if (transferData != data && !transferData.sampleType().isAssignableFrom(data.sampleType())
        && !data.sampleType().isAssignableFrom(transferData.sampleType())) {
      throw ConfigException.at(config.downstream().pathOf(RunSchema.DATA), "gives "
          + transferData.sampleType().getSimpleName() + " samples but the encoder is pretrained on "
          + data.sampleType().getSimpleName() + " samples; use data of the same kind");
    }
    AugmentPipeline preprocess = pipeline(config.downstream().getNodeList("preprocess"), registry, transferData);
    return new RunPlugins(data, task, encoder, augment, head, List.copyOf(evaluators), preprocess, transferData);
  }

  /**
   * What the plugins' run checks are told: the whole run, and the size of the images the pretext
   * task receives, the data's {@link DataSource#imageSize()} through the {@code augment} pipeline
   * (its fit step included).
   */
  public static RunFacts facts(RunConfig config, DataSource data, AugmentPipeline augment) {
    return new RunFacts(config.root(), augment.outputSize(data.imageSize()));
  }

  /** The factory's checks of its section against the rest of the run ({@code PluginFactory.checkRun}). */
  private static void checkRun(PluginRegistry registry, PluginKind kind, ConfigNode section, RunFacts facts) {
    registry.factory(kind, section.getString("name"), section.pathOf("name")).checkRun(section, facts);
  }

  private static AugmentPipeline pipeline(List<ConfigNode> sections, PluginRegistry registry, DataSource data) {
    return pipeline(sections, registry, Optional.of(data));
  }

  /**
   * Creates the augmenters of a list of steps ({@code name}, {@code p} defaulting to 1, and the
   * augmenter's own keys), checking each against the data's sample type when data is given; the
   * data's {@link DataSource#fitStep()} comes last.
   */
  public static AugmentPipeline pipeline(List<ConfigNode> sections, PluginRegistry registry, Optional<DataSource> data) {
    List<AugmentPipeline.Step> steps = new ArrayList<>();
    for (ConfigNode a : sections) {
      Augmenter<?> augmenter = registry.create(PluginKind.AUGMENTER, Augmenter.class, a);
      data.ifPresent(d -> requireSampleType(a.pathOf("name"), "augmenter '" + a.getString("name") + "'",
          augmenter.sampleType(), d));
      steps.add(new AugmentPipeline.Step(a.getString("name"), augmenter, a.getDouble("p", 1.0)));
    }
    data.flatMap(DataSource::fitStep).ifPresent(fit -> steps.add(new AugmentPipeline.Step("fit", fit, 1.0)));
    return new AugmentPipeline(steps);
  }

  private static void requireSampleType(String path, String what, Class<?> needed, DataSource data) {
    if (!needed.isAssignableFrom(data.sampleType())) {
      throw ConfigException.at(path, "the " + what + " works on " + needed.getSimpleName()
          + " samples, but the data source gives " + data.sampleType().getSimpleName()
          + " samples; pick plugins made for the same kind of data");
    }
  }
}
