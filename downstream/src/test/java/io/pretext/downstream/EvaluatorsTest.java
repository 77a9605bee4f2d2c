package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.transfer.LinearClassifier;
import io.pretext.api.transfer.TransferContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluators on the real DJL engine with tiny encoders and synthetic images. */
class EvaluatorsTest {
  private final ImageDataset train = Fixtures.images(400, 4, 11);
  private final ImageDataset test = Fixtures.images(200, 4, 12);
  private final MlpEncoder mlp = new MlpEncoder(List.of(32L), 16);

  private LabeledTask task(TransferContext context, int labels) {
    Dataset<?> labeled = new LabeledSubsets(train, context.seeds()).draw(LabelBudget.ofCount(labels));
    return new LabeledTask(labeled, test, Integer.toString(labels), 0);
  }

  @Test
  void linearProbeOnSeparatingFeaturesIsNearlyPerfect() {
    TransferContext context = Fixtures.context(mlp, 1);
    EvaluationResult r = new ProbeEvaluator.LinearProbeFactory().create(config(Map.of())).evaluate(context, task(context, 40));
    assertTrue(r.accuracy() >= 0.97, "accuracy " + r.accuracy());
    assertTrue(ProbeSettings.DEFAULT_GRID.contains((Double) r.extras().get("l2")), r.extras().toString());
  }

  @Test
  void linearProbeCarriesItsClassifierWithTheStandardizationFolded() {
    TransferContext context = Fixtures.context(new BnEncoder(), 4);
    EvaluationResult r = new ProbeEvaluator.LinearProbeFactory().create(config(Map.of("l2", 0.01)))
        .evaluate(context, task(context, 40));
    LinearClassifier classifier = r.classifier().orElseThrow();
    assertEquals(test.classNames(), classifier.classNames());
    FeatureMatrix features = new FeatureExtractorProbe(context, 64).features(test);
    int[] predicted = new int[features.rows()];
    for (int i = 0; i < features.rows(); i++) {
      float[] row = java.util.Arrays.copyOfRange(features.values(), i * features.cols(), (i + 1) * features.cols());
      float[] logits = classifier.logits(row);
      for (int c = 1; c < logits.length; c++) {
        predicted[i] = logits[c] > logits[predicted[i]] ? c : predicted[i];
      }
    }
    // The folded classifier on raw features makes the probe's own predictions on the test set.
    assertEquals(r.accuracy(), Accuracy.of(predicted, features.labels()), 1e-9);
    EvaluationResult raw = new ProbeEvaluator.RawPixelsFactory().create(config(Map.of("l2", 0.01)))
        .evaluate(context, task(context, 40));
    assertTrue(raw.classifier().isEmpty(), "only the pretrained encoder's probe is exportable");
  }

  @Test
  void frozenFeaturesUseBatchNormRunningStatisticsAndLeaveWeightsAlone() {
    TransferContext context = Fixtures.context(new BnEncoder(), 2);
    FeatureMatrix one = new FeatureExtractorProbe(context, 1).features(test);
    FeatureMatrix many = new FeatureExtractorProbe(context, 64).features(test);
    // Inference mode: a sample's features do not depend on the rest of its batch.
    float[] a = one.values();
    float[] b = many.values();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-5, "value " + i);
    }
    Map<String, float[]> before;
    try (NDManager m = NDManager.newBaseManager()) {
      before = Fixtures.parameters(context.pretrainedEncoder(m));
    }
    new ProbeEvaluator.LinearProbeFactory().create(config(Map.of("l2", 0.01))).evaluate(context, task(context, 40));
    new KnnEvaluator.KnnFactory().create(config(Map.of())).evaluate(context, task(context, 40));
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, float[]> after = Fixtures.parameters(context.pretrainedEncoder(m));
      assertEquals(0.0, Fixtures.maxDifference(before, after));
      assertTrue(before.keySet().stream().anyMatch(k -> k.contains("runningMean")), before.keySet().toString());
    }
    assertArrayEquals(a, new FeatureExtractorProbe(context, 7).features(test).values(), 1e-5f);
  }

  @Test
  void fineTuneStartsFromThePretrainedWeightsAndChangesThem() {
    TransferContext context = Fixtures.context(new BnEncoder(), 3);
    Map<String, float[]> pretrained;
    try (NDManager m = NDManager.newBaseManager()) {
      pretrained = Fixtures.parameters(context.pretrainedEncoder(m));
    }
    Dataset<?> labeled = task(context, 40).labeled();
    SupervisedRecipe frozenish = new SupervisedRecipe(1, 8, 1e-12, 0, true, 2, 64);
    try (EndToEndTrainer.Trained t = new EndToEndTrainer(context, frozenish).train(labeled, true, "fine-tune")) {
      Map<String, float[]> start = weightsOnly(Fixtures.parameters(t.encoder()));
      assertTrue(Fixtures.maxDifference(start, weightsOnly(pretrained)) < 1e-6, "fine-tune starts from the pretrained weights");
    }
    SupervisedRecipe recipe = new SupervisedRecipe(30, 16, 1e-2, 0, true, 2, 64);
    try (EndToEndTrainer.Trained t = new EndToEndTrainer(context, recipe).train(labeled, true, "fine-tune")) {
      assertTrue(Fixtures.maxDifference(weightsOnly(Fixtures.parameters(t.encoder())), weightsOnly(pretrained)) > 1e-3,
          "fine-tuning changed the encoder");
      assertTrue(Double.isFinite(t.finalLoss()));
    }
  }

  @Test
  void fineTuneReinitializesTheNamedBlocksAndKeepsTheOthers() {
    TransferContext context = Fixtures.context(mlp, 3);
    Map<String, float[]> pretrained;
    String last;
    try (NDManager m = NDManager.newBaseManager()) {
      Block encoder = context.pretrainedEncoder(m);
      pretrained = Fixtures.parameters(encoder);
      List<String> children = encoder.getChildren().keys();
      last = children.stream().filter(c -> pretrained.keySet().stream().anyMatch(k -> k.startsWith(c + "_")))
          .reduce((a, b) -> b).orElseThrow();
    }
    SupervisedRecipe frozenish = new SupervisedRecipe(1, 8, 1e-12, 0, false, 0, 64, 0, "adam", 0, false, "all", 0, 0,
        List.of(last));
    try (EndToEndTrainer.Trained t =
        new EndToEndTrainer(context, frozenish).train(task(context, 40).labeled(), true, "fine-tune")) {
      Map<String, float[]> start = Fixtures.parameters(t.encoder());
      for (Map.Entry<String, float[]> e : pretrained.entrySet()) {
        double moved = Fixtures.maxDifference(Map.of(e.getKey(), e.getValue()), Map.of(e.getKey(), start.get(e.getKey())));
        if (e.getKey().startsWith(last + "_")) {
          assertTrue(moved > 1e-3, e.getKey() + " was drawn afresh");
        } else {
          assertTrue(moved < 1e-6, e.getKey() + " kept its pretrained value");
        }
      }
    }
  }

  @Test
  void reinitializingABlockTheEncoderDoesNotHaveNamesItsBlocks() {
    TransferContext context = Fixtures.context(mlp, 3);
    SupervisedRecipe recipe = new SupervisedRecipe(1, 8, 1e-3, 0, false, 0, 64, 0, "adam", 0, false, "all", 0, 0,
        List.of("layer9"));
    PretextUserException e = assertThrows(PretextUserException.class,
        () -> new EndToEndTrainer(context, recipe).train(task(context, 40).labeled(), true, "fine-tune"));
    assertTrue(e.getMessage().contains("'layer9'") && e.getMessage().contains("Linear"), e.getMessage());
  }

  @Test
  void onlyFineTuneHasTheReinitializeKey() {
    assertTrue(new EndToEndEvaluator.FineTuneFactory().schema().key("reinitialize").isPresent());
    assertTrue(new EndToEndEvaluator.FromScratchFactory().schema().key("reinitialize").isEmpty());
    Map<String, Object> values = Map.of("steps", 1, "reinitialize", List.of("layer2", "norm"));
    assertEquals(List.of("layer2", "norm"), SupervisedRecipe.from(config(values), 1e-3).reinitialize());
  }

  @Test
  void fromScratchStartsFromOtherWeightsThanThePretrainedOnes() {
    TransferContext context = Fixtures.context(mlp, 4);
    Map<String, float[]> pretrained;
    try (NDManager m = NDManager.newBaseManager()) {
      pretrained = Fixtures.parameters(context.pretrainedEncoder(m));
    }
    Dataset<?> labeled = task(context, 40).labeled();
    SupervisedRecipe frozenish = new SupervisedRecipe(1, 8, 1e-12, 0, false, 0, 64);
    Map<String, float[]> first;
    try (EndToEndTrainer.Trained t = new EndToEndTrainer(context, frozenish).train(labeled, false, "from-scratch")) {
      first = Fixtures.parameters(t.encoder());
      assertTrue(Fixtures.maxDifference(first, pretrained) > 1e-3, "from scratch is not the pretrained encoder");
    }
    try (EndToEndTrainer.Trained t = new EndToEndTrainer(context, frozenish).train(labeled, false, "from-scratch")) {
      assertTrue(Fixtures.maxDifference(first, Fixtures.parameters(t.encoder())) < 1e-9, "seeded initialization");
    }
  }

  @Test
  void endToEndEvaluatorsLearnTheEasyTask() {
    TransferContext context = Fixtures.context(mlp, 5);
    Map<String, Object> quick = Map.of("steps", 60, "batch-size", 16, "learning-rate", 0.01,
        "translate", 0); // a shift of 2 rows turns one class's bar into another's here
    EvaluationResult fine = new EndToEndEvaluator.FineTuneFactory().create(config(quick)).evaluate(context, task(context, 40));
    EvaluationResult scratch = new EndToEndEvaluator.FromScratchFactory().create(config(quick))
        .evaluate(context, task(context, 40));
    assertTrue(fine.accuracy() > 0.9, "fine-tune " + fine.accuracy());
    assertTrue(scratch.accuracy() > 0.9, "from scratch " + scratch.accuracy());
    assertEquals(60, fine.extras().get("steps"));
  }

  @Test
  void theBertFineTuningOptionsLearnTheEasyTaskReproducibly() {
    TransferContext context = Fixtures.context(mlp, 5);
    Map<String, Object> bert = Map.of("epochs", 20, "batch-size", 16, "learning-rate", 0.01, "translate", 0,
        "optimizer", "adamw", "weight-decay", 0.01, "weight-decay-scope", "matrices", "gradient-clip", 0.5,
        "head-dropout", 0.1, "warmup-fraction", 0.1);
    EvaluationResult first = new EndToEndEvaluator.FineTuneFactory().create(config(bert)).evaluate(context, task(context, 40));
    EvaluationResult again = new EndToEndEvaluator.FineTuneFactory().create(config(bert)).evaluate(context, task(context, 40));
    assertTrue(first.accuracy() > 0.9, "fine-tune " + first.accuracy());
    assertEquals(first.accuracy(), again.accuracy());
    assertEquals(first.extras().get("final_loss"), again.extras().get("final_loss"));
  }

  @Test
  void rawAndRandomInitControlsRun() {
    TransferContext context = Fixtures.context(mlp, 6);
    LabeledTask task = task(context, 40);
    EvaluationResult logreg = new ProbeEvaluator.RawPixelsFactory().create(config(Map.of())).evaluate(context, task);
    EvaluationResult knn = new KnnEvaluator.RawPixelsFactory().create(config(Map.of("k", 5))).evaluate(context, task);
    EvaluationResult random = new ProbeEvaluator.RandomInitProbeFactory().create(config(Map.of())).evaluate(context, task);
    assertEquals(64, logreg.extras().get("features"));
    assertEquals(16, random.extras().get("features"));
    assertTrue(logreg.accuracy() > 0.95 && knn.accuracy() > 0.95 && random.accuracy() > 0.8,
        logreg.accuracy() + " " + knn.accuracy() + " " + random.accuracy());
    // the random-init encoder is the same for every evaluation (seeded), and differs from the pretrained one
    FeatureMatrix r1 = FeatureSource.RANDOM_INIT.features(context, test, 50);
    FeatureMatrix r2 = FeatureSource.RANDOM_INIT.features(context, test, 50);
    FeatureMatrix p = FeatureSource.PRETRAINED.features(context, test, 50);
    assertArrayEquals(r1.values(), r2.values());
    assertTrue(!java.util.Arrays.equals(r1.values(), p.values()));
  }

  private static io.pretext.api.config.ConfigNode config(Map<String, ?> values) {
    return io.pretext.api.config.ConfigNode.of("downstream.evaluators[0]", values);
  }

  private static Map<String, float[]> weightsOnly(Map<String, float[]> all) {
    Map<String, float[]> out = new java.util.LinkedHashMap<>(all);
    out.keySet().removeIf(k -> k.contains("running"));
    return out;
  }

  /** Pretrained-encoder features of a dataset with a given batch size. */
  private record FeatureExtractorProbe(TransferContext context, int batchSize) {
    FeatureMatrix features(Dataset<?> data) {
      try (NDManager manager = NDManager.newBaseManager(context.device())) {
        Block encoder = context.pretrainedEncoder(manager);
        return new FeatureExtractor(context, batchSize).extract(encoder, manager, data);
      }
    }
  }

  static SeedSource seeds() {
    return new SeedSource(0);
  }
}
