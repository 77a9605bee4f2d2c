package io.pretext.runner.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.core.inference.ModelMetadata;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.onnx.InputSignature;
import io.pretext.api.onnx.LayerExporters;
import io.pretext.core.onnx.ExportInput;
import io.pretext.core.onnx.ExportResult;
import io.pretext.core.onnx.OnnxExporter;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunPlugins;
import io.pretext.core.integrity.RunManifest;
import io.pretext.core.integrity.WriteFailures;
import io.pretext.core.train.RunDirectory;
import io.pretext.api.transfer.LinearClassifier;
import io.pretext.api.transfer.PretrainedWeights;
import io.pretext.api.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a finished run: {@code RUN_DIR/export/encoder.onnx} (the pretrained encoder, as the
 * downstream step uses it) and, when the downstream step saved a linear probe, {@code
 * RUN_DIR/export/classifier.onnx} (encoder + the probe of the largest label budget, output:
 * logits). Each file carries the {@link ModelMetadata} keys and is verified against the Java model
 * by the {@link OnnxExporter}, with the layer writers of the installed plugins, before it is
 * written. The input is the one the encoder declares ({@link
 * io.pretext.api.spi.Encoder#inputSignature}); for token ids the tokenizer files are copied beside
 * the encoder.
 */
public final class RunExport {
  private static final Logger LOG = LoggerFactory.getLogger(RunExport.class);
  static final String DIRECTORY = "export";

  /** What was written. */
  public record Outcome(ExportResult encoder, Optional<ExportResult> classifier) {}

  private final String frameworkVersion;
  private final OnnxExporter exporter;

  /**
   * @param frameworkVersion written into the metadata
   * @param opset the ONNX operator set
   * @param tolerance the largest max-abs difference accepted by the verification
   * @param exporters the layer writers, from the plugin registry
   */
  public RunExport(String frameworkVersion, int opset, double tolerance, long seed, LayerExporters exporters) {
    this.frameworkVersion = frameworkVersion;
    try {
      this.exporter = new OnnxExporter(opset, tolerance, seed, exporters);
    } catch (IllegalArgumentException e) {
      throw new PretextUserException("Cannot export: " + e.getMessage() + ".", e);
    }
  }

  /**
   * From the run's {@code export} section, with the run's seed for the verification inputs.
   *
   * @param exporters the layer writers of the installed plugins ({@code PluginLoader.layerExporters()})
   */
  public static RunExport fromConfig(RunConfig config, LayerExporters exporters) {
    return fromConfig(config, exporters, null, null);
  }

  /** As {@link #fromConfig(RunConfig, LayerExporters)}, with the opset and tolerance replaced where given (not null). */
  public static RunExport fromConfig(RunConfig config, LayerExporters exporters, Integer opset, Double tolerance) {
    return new RunExport(frameworkVersion(), opset != null ? opset : config.export().getInt("opset"),
        tolerance != null ? tolerance : config.export().getDouble("tolerance"), config.runtime().seed(), exporters);
  }

  /** The version of the running pretext jar, or "development" when run from classes. */
  public static String frameworkVersion() {
    String v = RunExport.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * Exports the run's encoder (and classifier).
   *
   * @param plugins the run's plugins
   * @param engine the run's engine: the encoder is rebuilt on its device
   * @param inputShape one encoder input after {@code downstream.preprocess}, e.g. (1, 28, 28); for
   *     text the longest token sequence, (max-length)
   * @param probe the linear probe to put after the encoder, if any
   */
  public Outcome export(RunDirectory run, RunConfig config, RunPlugins plugins, ComputeEngine engine, Shape inputShape,
      Optional<Path> probe) {
    InputSignature signature = plugins.encoder().inputSignature(inputShape);
    boolean text = signature.isTokenIds();
    Path dir = run.root().resolve(DIRECTORY);
    RunManifest.verifyIfListed(run.encoderParameters());
    PretrainedWeights weights = PretrainedWeights.read(run.encoderParameters());
    try (NDManager manager = engine.newManager()) {
      ExportInput input = exportInput(signature, inputShape);
      Block encoder = encoder(plugins, inputShape, weights, manager);
      long features = plugins.encoder().featureSize(inputShape);
      Map<String, String> metadata = metadata(config, signature, features);
      if (text) {
        metadata.put(ModelMetadata.VOCABULARY, copyTokenizer(run, plugins, dir));
      }
      ExportResult enc = write(encoder, input, metadata, dir.resolve("encoder.onnx"));
      Optional<ExportResult> cls = Optional.empty();
      if (probe.isPresent()) {
        RunManifest.verifyIfListed(probe.get());
        LinearClassifier classifier = LinearClassifier.read(probe.get());
        if (classifier.features() != features) {
          throw new PretextUserException("The probe " + probe.get() + " takes " + classifier.features()
              + " features but the encoder gives " + features + "; run the downstream step again.");
        }
        Block model = withClassifier(encoder, inputShape, classifier, manager);
        Map<String, String> clsMeta = new LinkedHashMap<>(metadata);
        clsMeta.put(ModelMetadata.OUTPUTS, "logits: float32[batch," + classifier.classes() + "] (softmax gives the"
            + " class probabilities; linear probe " + probe.get().getFileName() + ")");
        clsMeta.put(ModelMetadata.CLASSES, String.join("\n", classifier.classNames()));
        cls = Optional.of(write(model, input, clsMeta, dir.resolve("classifier.onnx")));
      } else {
        LOG.info("export: no downstream probe in {}, so no classifier.onnx (run the downstream step with linear-probe)",
            run.root());
        removeStale(dir.resolve("classifier.onnx"));
      }
      return new Outcome(enc, cls);
    }
  }

  private ExportResult write(Block model, ExportInput input, Map<String, String> metadata, Path target) {
    try {
      ExportResult result = exporter.export(model, input, metadata, target);
      RunManifest.of(runRoot(target)).record(target);
      return result;
    } catch (IOException e) {
      throw WriteFailures.isDiskFull(e) ? WriteFailures.diskFull("write", target, e)
          : new PretextUserException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes an earlier export's file that no longer matches the encoder. */
  private static void removeStale(Path file) {
    try {
      if (Files.deleteIfExists(file)) {
        LOG.warn("export: removed {} of an earlier export; it does not belong to this encoder", file);
      }
    } catch (IOException e) {
      throw new PretextUserException("Cannot remove the stale " + file + ": " + e.getMessage()
          + ". Delete it by hand, then export again.", e);
    }
  }

  /** The run directory an export file lies in ({@code RUN_DIR/export/x.onnx}). */
  private static Path runRoot(Path target) {
    return target.toAbsolutePath().normalize().getParent().getParent();
  }

  /** The pretrained encoder in inference form. */
  private static Block encoder(RunPlugins plugins, Shape inputShape, PretrainedWeights weights, NDManager manager) {
    Block block = plugins.encoder().build(inputShape);
    weights.loadInto(block, manager);
    block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(inputShape));
    return block;
  }

  /** The loaded encoder, then one linear layer holding the probe's folded weights. */
  private static Block withClassifier(Block encoder, Shape inputShape, LinearClassifier classifier,
      NDManager manager) {
    Linear linear = Layers.linear(classifier.classes(), true);
    // FirstOutput keeps the pooled features of a text encoder (which also returns token states)
    SequentialBlock model = new SequentialBlock().add(encoder).add(new FirstOutput()).add(linear);
    model.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(inputShape)); // keeps the encoder's weights
    set(linear, "weight", classifier.weights(), manager);
    set(linear, "bias", classifier.bias(), manager);
    return model;
  }

  private static void set(Linear linear, String name, float[] values, NDManager manager) {
    NDArray array = linear.getParameters().get(name).getArray();
    if (array.size() != values.length) {
      throw new IllegalStateException("the linear layer's " + name + " holds " + array.size() + " values, the probe "
          + values.length);
    }
    array.set(values);
  }

  private static ExportInput exportInput(InputSignature signature, Shape inputShape) {
    try {
      return ExportInput.of(signature, inputShape);
    } catch (IllegalArgumentException e) {
      throw new PretextUserException("Cannot export: the encoder declares an input the exporter cannot write: "
          + e.getMessage() + ". Fix the encoder's inputSignature.", e);
    }
  }

  private Map<String, String> metadata(RunConfig config, InputSignature signature, long features) {
    boolean text = signature.isTokenIds();
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ModelMetadata.TASK, config.pretext().map(p -> p.getString("name")).orElse("none"));
    m.put(ModelMetadata.INPUT, signature.format());
    List<ConfigNode> preprocess = config.downstream().getNodeList("preprocess");
    m.put(ModelMetadata.PREPROCESS, ModelPreprocessing.toYaml(preprocess));
    preprocess.stream().filter(s -> "normalize".equals(s.getString("name"))).findFirst().ifPresent(s ->
        m.put(ModelMetadata.NORMALIZATION, "mean: " + s.get("mean") + ", std: " + s.get("std")));
    m.put(ModelMetadata.CONFIG_HASH, config.hash());
    m.put(ModelMetadata.FRAMEWORK_VERSION, frameworkVersion);
    m.put(ModelMetadata.OUTPUTS, "features: float32[batch," + features + "]" + (text ? "; tokens: float32[batch,sequence,"
        + features + "]" : ""));
    return m;
  }

  /**
   * Copies the files of the task's {@link io.pretext.api.spi.PretextTask#tokenizerDirectory tokenizer folder}
   * beside the model; the vocabulary's {@link Tokenizer#fingerprint fingerprint}.
   */
  private static String copyTokenizer(RunDirectory run, RunPlugins plugins, Path dir) {
    Path source = plugins.task().tokenizerDirectory(run.root()).orElseThrow(() -> new PretextUserException("The text"
        + " run " + run.root() + " was trained on a task that keeps no tokenizer, so its encoder's token ids cannot be"
        + " made from text at inference. Export a run of a text task that learns one, such as mlm."));
    Path vocab = source.resolve(Tokenizer.VOCABULARY_FILE);
    if (!Files.isRegularFile(vocab)) {
      throw new PretextUserException("The text run " + run.root() + " has no tokenizer (" + vocab + " is missing);"
          + " a text model cannot be used without it. Pretrain again with this version.");
    }
    try (var files = Files.list(source)) {
      Files.createDirectories(dir);
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new PretextUserException("Cannot copy the tokenizer from " + source + " to " + dir + ": " + e.getMessage(), e);
    }
    return Tokenizer.fingerprint(dir);
  }
}
