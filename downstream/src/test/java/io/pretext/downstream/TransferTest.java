package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.ImageDataset;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.run.RunPlugins;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.spi.InputBatcher;
import io.pretext.api.transfer.TransferContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole downstream step as the runner drives it: config, plugins, context, transfer, table. */
class TransferTest {
  private static final String RUN = """
      data: {name: idx, train-images: train.gz}
      pretext: {name: rotation}
      encoder: {name: mlp, hidden: [32], features: 16}
      downstream:
        labels: [20, 40]
        preprocess:
          - {name: normalize, mean: [0.3], std: [0.3]}
        evaluators:
          - {name: linear-probe}
          - {name: knn, k: 5}
          - {name: fine-tune, steps: 20, batch-size: 16, translate: 0}
          - {name: from-scratch, steps: 20, batch-size: 16, translate: 0}
          - {name: random-init-probe}
          - {name: raw-pixels-logreg, l2: 0.01}
          - {name: raw-pixels-knn, k: 5}
      """;

  private final PluginRegistry registry = PluginLoader.discover()
      .createRegistry(new RuntimeSettings(0, 1, "cpu", Path.of("unused")), MetricsSink.NONE);

  @Test
  void everyEvaluatorIsRegistered() {
    assertEquals(java.util.Set.of("linear-probe", "knn", "fine-tune", "from-scratch", "random-init-probe",
        "raw-pixels-logreg", "raw-pixels-knn", "bag-of-words"), registry.names(PluginKind.EVALUATOR));
  }

  @Test
  void runsEveryEvaluatorOnEveryBudgetFromARunConfig() {
    RunConfig config = new RunConfigLoader(registry).load("run.yaml", RUN, List.of());
    List<DownstreamEvaluator> evaluators = config.downstream().getNodeList("evaluators").stream()
        .map(n -> registry.create(PluginKind.EVALUATOR, DownstreamEvaluator.class, n)).toList();
    TransferContext base = Fixtures.context(new io.pretext.core.nn.MlpEncoder(List.of(32L), 16), 9);
    TransferContext context = new TransferContext(base.encoder(), base.inputShape(), base.pretrained(),
        preprocess(config), InputBatcher.images(), new SeedSource(0), base.engine());
    ImageDataset train = Fixtures.images(200, 4, 1);
    ImageDataset test = Fixtures.images(100, 4, 2);
    TransferResults results = Transfer.fromConfig(config.downstream(), evaluators)
        .run(context, new DataSplits<>(train, Optional.of(test)));
    assertEquals(List.of("20", "40"), results.budgets());
    assertEquals(List.of("linear probe", "kNN", "fine-tune", "from scratch", "linear probe, random-init encoder",
        "logistic regression, raw pixels", "kNN, raw pixels"), results.methods());
    assertEquals(14, results.cells().size());
    for (TransferResults.Cell c : results.cells()) {
      assertTrue(c.result().accuracy() > 0.5, c.toString());
      assertEquals(Integer.parseInt(c.budget()), c.labels());
    }
    assertTrue(results.toMarkdown().contains("| kNN, raw pixels |"));
  }

  @Test
  void subsetSeedsRepeatFrozenEvaluatorsAndLeaveTheDefaultSeedsResultsAlone() {
    String seeded = """
        data: {name: idx, train-images: train.gz}
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [32], features: 16}
        downstream:
          labels: [20, 40]
          subset-seeds: [0, 1, 2]
          evaluators:
            - {name: linear-probe}
            - {name: knn, k: 5}
            - {name: from-scratch, steps: 10, batch-size: 16, translate: 0}
        """;
    String plain = seeded.replace("  subset-seeds: [0, 1, 2]\n", "");
    assertFalse(plain.contains("subset-seeds"));
    TransferResults many = transfer(seeded);
    TransferResults one = transfer(plain);
    assertEquals(6, one.cells().size());
    assertEquals(2 * (3 + 3 + 1), many.cells().size());
    assertTrue(one.baselines().contains("from scratch") && !one.baselines().contains("kNN"), one.baselines().toString());
    for (TransferResults.Cell c : one.cells()) {
      assertEquals(0, c.seed());
      TransferResults.Cell same = many.cells(c.method(), c.budget()).get(0);
      assertEquals(0, same.seed());
      assertEquals(c.result().accuracy(), same.result().accuracy(), 0.0, "seed 0 as without seeds: " + c);
      assertEquals(c.result().accuracy(), one.accuracy(c.method(), c.budget()), 0.0);
    }
    for (String budget : List.of("20", "40")) {
      List<TransferResults.Cell> knn = many.cells("kNN", budget);
      assertEquals(List.of(0, 1, 2), knn.stream().map(TransferResults.Cell::seed).toList());
      double mean = knn.stream().mapToDouble(c -> c.result().accuracy()).average().orElseThrow();
      assertEquals(mean, many.accuracy("kNN", budget), 1e-12);
      assertEquals(1, many.cells("from scratch", budget).size());
    }
    assertTrue(many.toMarkdown().contains(" ± "), many.toMarkdown());
    assertFalse(one.toMarkdown().contains("±"), one.toMarkdown());
    String json = many.toJson();
    assertTrue(json.contains("\"summary\"") && json.contains("\"seeds\"") && json.contains("\"sd\""), json);
  }

  private TransferResults transfer(String run) {
    RunConfig config = new RunConfigLoader(registry).load("run.yaml", run, List.of());
    List<DownstreamEvaluator> evaluators = config.downstream().getNodeList("evaluators").stream()
        .map(n -> registry.create(PluginKind.EVALUATOR, DownstreamEvaluator.class, n)).toList();
    TransferContext context = Fixtures.context(new io.pretext.core.nn.MlpEncoder(List.of(32L), 16), 9);
    return Transfer.fromConfig(config.downstream(), evaluators)
        .run(context, Fixtures.images(200, 4, 1), Fixtures.images(100, 4, 2));
  }

  @Test
  void missingTestSplitAndUnlabeledDataFailClearly() {
    Transfer transfer = new Transfer(List.of(), List.of(LabelBudget.ofCount(20)));
    TransferContext context = Fixtures.context(new io.pretext.core.nn.MlpEncoder(List.of(), 4), 1);
    ImageDataset data = Fixtures.images(100, 4, 1);
    PretextUserException noTest = assertThrows(PretextUserException.class,
        () -> transfer.run(context, new DataSplits<>(data, Optional.empty())));
    assertTrue(noTest.getMessage().contains("test split"), noTest.getMessage());
    PretextUserException noLabels = assertThrows(PretextUserException.class,
        () -> transfer.run(context, data.unlabeled(), data));
    assertTrue(noLabels.getMessage().contains("needs labels"), noLabels.getMessage());
    LabelBudgetException tooMany = assertThrows(LabelBudgetException.class,
        () -> new Transfer(List.of(), List.of(LabelBudget.ofCount(400))).run(context, data, data));
    assertTrue(tooMany.getMessage().contains("class-0") && tooMany.getMessage().contains("only 25"), tooMany.getMessage());
  }

  private io.pretext.api.spi.AugmentPipeline preprocess(RunConfig config) {
    List<io.pretext.api.spi.AugmentPipeline.Step> steps = config.downstream().getNodeList("preprocess").stream()
        .map(n -> new io.pretext.api.spi.AugmentPipeline.Step(n.getString("name"),
            registry.create(PluginKind.AUGMENTER, io.pretext.api.spi.Augmenter.class, n), n.getDouble("p")))
        .toList();
    assertEquals(1, steps.size());
    return new io.pretext.api.spi.AugmentPipeline(steps);
  }
}
