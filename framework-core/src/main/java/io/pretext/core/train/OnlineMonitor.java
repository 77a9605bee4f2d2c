package io.pretext.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.config.ConfigException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.MetricNames;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.InputBatcher;
import io.pretext.api.transfer.CosineKnn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online monitor of pretraining: at epoch ends, the encoder's frozen features of a small
 * labeled slice are scored by weighted cosine kNN (Wu et al. 2018; the bank: {@code
 * monitor-samples} labeled training samples, scored on as many test samples) and, when asked, by
 * an {@link OnlineLinearProbe} trained on them with stop-gradient (as the online probes of
 * solo-learn and lightly). One line per measurement goes to stream {@value #STREAM} of {@code
 * metrics.jsonl}: {@code step, epoch, samples,} {@value #KNN_NAME} and {@value #PROBE_NAME} as
 * {@link MetricNames#key} writes them, and {@code monitor_ms}.
 *
 * <p>It does not change training: the encoder runs in inference mode (BatchNorm uses and keeps
 * its running statistics, no gradient, no update), the slice is drawn from its own seeded streams
 * ({@code monitor-slice}, {@code monitor-preprocess}), and nothing draws from the engine's
 * generator.
 */
public final class OnlineMonitor {
  /** The metrics stream of the monitor's lines. */
  public static final String STREAM = "monitor";
  /** The metric name of the kNN accuracy. */
  public static final String KNN_NAME = "knn-accuracy";
  /** The metric name of the linear probe's accuracy. */
  public static final String PROBE_NAME = "linear-probe-accuracy";
  /** The {@code metrics.jsonl} key of the kNN accuracy. */
  public static final String KNN = MetricNames.key(KNN_NAME);
  /** The {@code metrics.jsonl} key of the linear probe's accuracy. */
  public static final String PROBE = MetricNames.key(PROBE_NAME);

  private static final Logger LOG = LoggerFactory.getLogger(OnlineMonitor.class);
  private static final int BATCH = 256;
  private static final double TEMPERATURE = 0.07;
  private final MonitorSettings settings;
  private final Slice bank;
  private final Slice queries;
  private final int classes;
  private final CosineKnn knn;
  private final MetricsSink metrics;
  private OnlineLinearProbe probe;

  private OnlineMonitor(MonitorSettings settings, Slice bank, Slice queries, int classes, MetricsSink metrics) {
    this.settings = settings;
    this.bank = bank;
    this.queries = queries;
    this.classes = classes;
    this.knn = new CosineKnn(settings.k(), TEMPERATURE);
    this.metrics = metrics;
  }

  /**
   * A monitor over a slice of the labeled splits, the samples preprocessed as the transfer does.
   *
   * @param labeled the data with labels: the bank comes from its training split, the scored samples
   *     from its test split
   * @param preprocess {@code downstream.preprocess}
   * @param batcher how preprocessed samples become one encoder input
   * @throws ConfigException at {@code train.monitor-samples} when the data have no labels or no test split
   */
  public static OnlineMonitor of(MonitorSettings settings, DataSplits<?> labeled, AugmentPipeline preprocess,
      InputBatcher batcher, SeedSource seeds, MetricsSink metrics) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("the monitor is off (train.monitor-samples 0)");
    }
    if (!labeled.train().labeled() || labeled.test().isEmpty() || !labeled.test().get().labeled()) {
      throw ConfigException.at("train.monitor-samples", "the online monitor needs a data source with labels and a "
          + "test split, but this one has " + (labeled.train().labeled() ? "no labeled test split" : "no labels")
          + "; set train.monitor-samples: 0 (off) or use labeled data");
    }
    Slice bank = Slice.draw(labeled.train(), settings.samples(), 0, preprocess, batcher, seeds);
    Slice queries = Slice.draw(labeled.test().get(), settings.samples(), 1, preprocess, batcher, seeds);
    return new OnlineMonitor(settings, bank, queries, labeled.train().classNames().size(), metrics);
  }

  /** Whether to measure after {@code epoch}; {@code last} marks the run's last epoch. */
  boolean due(int epoch, boolean last) {
    return last || epoch % settings.everyEpochs() == 0;
  }

  /** Measures the encoder now and records the line. */
  Map<String, Object> measure(Block encoder, NDManager manager, long step, int epoch) {
    long t0 = System.nanoTime();
    float[] bankFeatures = bank.features(encoder, manager);
    float[] queryFeatures = queries.features(encoder, manager);
    int d = bankFeatures.length / bank.labels.length;
    int[] predicted = knn.predict(CosineKnn.unitRows(bankFeatures, d), bank.labels, classes,
        CosineKnn.unitRows(queryFeatures, d), d);
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      correct += predicted[i] == queries.labels[i] ? 1 : 0;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", step);
    line.put("epoch", epoch);
    line.put("samples", queries.labels.length);
    line.put(KNN, (double) correct / predicted.length);
    if (settings.linearProbe()) {
      if (probe == null) {
        probe = new OnlineLinearProbe(d, classes);
      }
      line.put(PROBE, probe.trainAndScore(bankFeatures, bank.labels, queryFeatures, queries.labels));
    }
    line.put("monitor_ms", (System.nanoTime() - t0) / 1e6);
    metrics.record(STREAM, line);
    LOG.info(String.format(Locale.ROOT, "monitor after epoch %d (step %d): kNN %.4f%s", epoch, step, line.get(KNN),
        settings.linearProbe() ? String.format(Locale.ROOT, ", linear probe %.4f", line.get(PROBE)) : ""));
    return line;
  }

  /** Preprocessed, batched samples of one split and their labels. */
  private static final class Slice {
    private final List<HostTensor> batches;
    private final int[] labels;

    private Slice(List<HostTensor> batches, int[] labels) {
      this.batches = batches;
      this.labels = labels;
    }

    /** At most {@code n} samples chosen by the seeded stream {@code monitor-slice}. */
    static Slice draw(Dataset<?> data, int n, int which, AugmentPipeline preprocess, InputBatcher batcher,
        SeedSource seeds) {
      int size = data.size();
      int take = Math.min(n, size);
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      RandomGenerator random = seeds.generator("monitor-slice", which);
      for (int i = 0; i < take; i++) { // a partial Fisher-Yates shuffle
        int j = i + random.nextInt(size - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int[] labels = new int[take];
      List<HostTensor> batches = new ArrayList<>();
      for (int from = 0; from < take; from += BATCH) {
        List<Object> samples = new ArrayList<>();
        for (int i = from; i < Math.min(take, from + BATCH); i++) {
          labels[i] = data.label(order[i]);
          samples.add(preprocess.apply(data.get(order[i]), seeds.generator("monitor-preprocess", which, order[i])));
        }
        batches.add(batcher.batch(samples));
      }
      return new Slice(List.copyOf(batches), labels);
    }

    /** The encoder's features of every sample, in inference mode. */
    float[] features(Block encoder, NDManager manager) {
      float[] out = null;
      int at = 0;
      for (HostTensor batch : batches) {
        try (NDManager scope = manager.newSubManager()) {
          NDList result = encoder.forward(new ParameterStore(scope, false), new NDList(batch.toNDArray(scope)), false);
          float[] f = result.head().toFloatArray();
          if (out == null) {
            out = new float[f.length / (int) batch.shape().get(0) * labels.length];
          }
          System.arraycopy(f, 0, out, at, f.length);
          at += f.length;
        }
      }
      return out;
    }
  }
}
