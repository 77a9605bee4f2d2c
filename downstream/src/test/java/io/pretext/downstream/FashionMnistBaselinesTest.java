package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pretext.core.augment.Normalize;
import io.pretext.core.data.IdxReader;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.engine.EngineSetup;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.spi.InputBatcher;
import io.pretext.api.transfer.TransferContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The raw-pixel rows of the reference table on the real Fashion-MNIST (Debian's
 * dataset-fashion-mnist), at 100/600/6000 labels; run with {@code -Dtest.excluded.groups=}.
 * Reference: logistic regression 67.56 / 78.57 / 82.80, kNN 64.09 / 75.56 / 82.20 (its
 * standardization uses the 60k train statistics; ours the labeled subset's, so a point or two apart).
 */
@Tag("slow")
class FashionMnistBaselinesTest {
  private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void rawPixelBaselinesMatchTheReference() {
    assumeTrue(Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz")), "Fashion-MNIST not installed");
    IdxReader reader = new IdxReader();
    List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    ImageDataset train = reader.read(DIR.resolve("train-images-idx3-ubyte.gz"), DIR.resolve("train-labels-idx1-ubyte.gz"), names);
    ImageDataset test = reader.read(DIR.resolve("t10k-images-idx3-ubyte.gz"), DIR.resolve("t10k-labels-idx1-ubyte.gz"), names);
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    EngineSetup engine = new EngineSetup(new RuntimeSettings(0, threads, "cpu", Path.of("unused")));
    AugmentPipeline normalize = new AugmentPipeline(List.of(new AugmentPipeline.Step("normalize",
        new Normalize(new double[] {0.2860}, new double[] {0.3530}), 1.0)));
    TransferContext context = new TransferContext(new MlpEncoder(List.of(), 8), new ai.djl.ndarray.types.Shape(1, 28, 28),
        Fixtures.context(new MlpEncoder(List.of(), 8), 0).pretrained(), normalize, InputBatcher.images(),
        new SeedSource(0), engine);
    List<DownstreamEvaluator> evaluators = List.of(
        new ProbeEvaluator.RawPixelsFactory().create(io.pretext.api.config.ConfigNode.of("e", Map.of())),
        new KnnEvaluator.RawPixelsFactory().create(io.pretext.api.config.ConfigNode.of("e", Map.of())));
    TransferResults r = new Transfer(evaluators,
        List.of(LabelBudget.ofCount(100), LabelBudget.ofCount(600), LabelBudget.ofCount(6000))).run(context, train, test);
    System.out.println(r.toText());
    System.out.println(r.toJson());
    double[] logreg = {67.56, 78.57, 82.80};
    double[] knn = {64.09, 75.56, 82.20};
    String[] budgets = {"100", "600", "6000"};
    for (int i = 0; i < 3; i++) {
      assertEquals(logreg[i], 100 * r.accuracy("logistic regression, raw pixels", budgets[i]), 4.0, budgets[i]);
      assertEquals(knn[i], 100 * r.accuracy("kNN, raw pixels", budgets[i]), 4.0, budgets[i]);
    }
  }
}
