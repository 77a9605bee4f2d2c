package io.pretext.core.onnx;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.onnx.ElementType;
import io.pretext.api.onnx.GraphValue;
import io.pretext.api.onnx.InputSignature;
import io.pretext.api.onnx.LayerExporters;
import io.pretext.api.onnx.OnnxExportException;
import io.pretext.api.onnx.OnnxGraph;
import io.pretext.core.onnx.proto.ModelProto;
import io.pretext.core.onnx.proto.OperatorSetIdProto;
import io.pretext.core.onnx.proto.StringStringEntryProto;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a DJL model built from the exportable layers as an ONNX file, and verifies it first.
 *
 * <p>The graph has one input (see {@link ExportInput}) whose batch axis is dynamic and named
 * {@code batch} (and, for text, axis 1 {@code sequence}); its outputs are named {@code features}
 * (output 0) and {@code tokens} (output 1, text encoders). Each block is written by the
 * exporter of its class ({@link LayerExporters}, built from what the plugin modules register);
 * a block without one fails the export with its path and class. The in-memory graph is then
 * serialised as an ONNX ModelProto ({@link OnnxProtos}).
 *
 * <p>Before anything is written, ONNX Runtime (CPU) and the Java model (inference mode) run the
 * same seeded random inputs: batch 1 and 8, and for text several sequence lengths with padding.
 * The largest absolute difference over all outputs is logged; above the tolerance the export is
 * refused with an {@link OnnxExportException} giving it. The file is written atomically.
 */
public final class OnnxExporter {
  /** The lowest operator set written (LayerNormalization needs 17). */
  public static final int MIN_OPSET = 17;
  /** The highest operator set written; ONNX Runtime 1.29 runs it. */
  public static final int MAX_OPSET = 21;
  public static final int DEFAULT_OPSET = 17;
  public static final double DEFAULT_TOLERANCE = 1e-4;
  /** The names of the model's outputs, in the order of the block's outputs. */
  public static final List<String> OUTPUT_NAMES = List.of("features", "tokens");
  static final String BATCH_AXIS = InputSignature.BATCH_AXIS;
  static final String SEQUENCE_AXIS = InputSignature.SEQUENCE_AXIS;
  static final int[] VERIFY_BATCHES = {1, 8};

  private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);

  private final int opset;
  private final double tolerance;
  private final long seed;
  private final LayerExporters exporters;

  /** Opset 17, tolerance 1e-4, seed 0, the writers the plugin modules on the classpath register. */
  public OnnxExporter() {
    this(DEFAULT_OPSET, DEFAULT_TOLERANCE, 0);
  }

  /**
   * With the writers every plugin module on the classpath registers ({@link
   * PluginLoader#discover()}); code that has a loader or registry passes its {@code
   * layerExporters()} to the other constructor instead.
   *
   * @param opset the ONNX operator set, in [MIN_OPSET, MAX_OPSET]
   * @param tolerance the largest max-abs difference accepted, > 0
   * @param seed the seed of the verification inputs
   */
  public OnnxExporter(int opset, double tolerance, long seed) {
    this(opset, tolerance, seed, PluginLoader.discover().layerExporters());
  }

  /** As {@link #OnnxExporter(int, double, long)} with the given writers (e.g. a registry's). */
  public OnnxExporter(int opset, double tolerance, long seed, LayerExporters exporters) {
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      throw new IllegalArgumentException("ONNX opset must be in [" + MIN_OPSET + ", " + MAX_OPSET + "], got " + opset);
    }
    if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("the verification tolerance must be a finite number > 0, got " + tolerance);
    }
    this.opset = opset;
    this.tolerance = tolerance;
    this.seed = seed;
    this.exporters = Objects.requireNonNull(exporters, "exporters");
  }

  /**
   * Exports, verifies and writes the model.
   *
   * @param model the initialised model holding its trained parameters
   * @param input the model's input
   * @param metadata written to the file's {@code metadata_props} as given
   * @param target the .onnx file; its folder is created
   * @throws OnnxExportException when a block has no exporter, or the file's outputs differ from
   *     the Java model's by more than the tolerance (nothing is written then)
   * @throws IOException when the file cannot be written
   */
  public ExportResult export(Block model, ExportInput input, Map<String, String> metadata, Path target)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(metadata, "metadata");
    exporters.requireExportable(model, "The model");
    if (!model.isInitialized()) {
      throw new OnnxExportException("Cannot export to ONNX: the model is not initialised; initialise it or load "
          + "its weights first");
    }
    byte[] bytes = serialise(model, input, metadata);
    List<VerificationInput> inputs = verificationInputs(model, input);
    OnnxVerifier.Outcome outcome = LargeStack.call("onnx-verify",
        () -> new OnnxVerifier().verify(model, bytes, input.name(), inputs));
    String summary = String.format(Locale.ROOT, "max |Java - ONNX Runtime| = %.3g (tolerance %.1g) over %s",
        outcome.maxAbsDifference(), tolerance, String.join("; ", outcome.checks()));
    if (!(outcome.maxAbsDifference() <= tolerance)) {
      LOG.error("ONNX export refused for {}: {}", target, summary);
      throw new OnnxExportException("ONNX export refused: the exported model's outputs differ from the Java model's: "
          + summary + ". Nothing was written to " + target + ".", outcome.maxAbsDifference());
    }
    LOG.info("ONNX export verified: {}", summary);
    AtomicFiles.write(target, out -> out.write(bytes));
    return new ExportResult(target, outcome.maxAbsDifference(), outcome.checks(), Files.size(target));
  }

  /** The model as a serialised ONNX ModelProto, unverified. */
  byte[] serialise(Block model, ExportInput input, Map<String, String> metadata) {
    OnnxGraph graph = new OnnxGraph("pretext", opset);
    ElementType type = input.type() == DataType.INT64 ? ElementType.INT64 : ElementType.FLOAT;
    graph.input(input.name(), type, symbolicDims(new Shape(1).addAll(input.sampleShape()), input.dynamicSequence()));
    Shape traced = new Shape(1).addAll(input.sampleShape());
    List<GraphValue> outputs = exporters.export(model, List.of(new GraphValue(input.name(), traced)), graph);
    for (int i = 0; i < outputs.size(); i++) {
      String name = i < OUTPUT_NAMES.size() ? OUTPUT_NAMES.get(i) : "output_" + i;
      graph.node("Identity", List.of(outputs.get(i).name()), List.of(name));
      Shape shape = outputs.get(i).shape();
      graph.output(name, ElementType.FLOAT, symbolicDims(shape, input.dynamicSequence() && shape.dimension() > 2));
    }
    ModelProto.Builder proto = ModelProto.newBuilder()
        .setIrVersion(irVersion(opset))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setProducerName("pretext")
        .setProducerVersion(producerVersion())
        .setGraph(OnnxProtos.graph(graph));
    for (String key : new TreeSet<>(metadata.keySet())) {
      proto.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(metadata.get(key)));
    }
    proto.addMetadataProps(StringStringEntryProto.newBuilder().setKey(OnnxIntegrity.GRAPH_SHA256)
        .setValue(OnnxIntegrity.digest(proto.getGraph())));
    return proto.build().toByteArray();
  }

  /** Axis 0 is {@code batch}; axis 1 is {@code sequence} when asked, the others fixed. */
  private static List<Object> symbolicDims(Shape shape, boolean sequenceAxis) {
    List<Object> dims = new ArrayList<>();
    for (int axis = 0; axis < shape.dimension(); axis++) {
      if (axis == 0) {
        dims.add(BATCH_AXIS);
      } else if (axis == 1 && sequenceAxis) {
        dims.add(SEQUENCE_AXIS);
      } else {
        dims.add(shape.get(axis));
      }
    }
    return dims;
  }

  /**
   * Batch 1 and 8 at the sample shape; with a dynamic sequence also batch 8 at about half the
   * length and at 3 (token ids: each row of random length, padded).
   */
  private List<VerificationInput> verificationInputs(Block model, ExportInput input) {
    SeedSource seeds = new SeedSource(seed);
    long bound = input.type() == DataType.INT64 ? TokenIds.bound(model) : 0;
    int longest = Math.toIntExact(input.sampleShape().get(0));
    List<VerificationInput> inputs = new ArrayList<>();
    inputs.add(sample(input, 1, longest, bound, seeds));
    int batch = VERIFY_BATCHES[VERIFY_BATCHES.length - 1];
    Set<Integer> lengths = input.dynamicSequence()
        ? new TreeSet<>(List.of(longest, (longest + 1) / 2, Math.min(3, longest))).descendingSet()
        : Set.of(longest);
    for (int length : lengths) {
      inputs.add(sample(input, batch, length, bound, seeds));
    }
    return inputs;
  }

  private static VerificationInput sample(ExportInput input, int batch, int length, long bound, SeedSource seeds) {
    var random = seeds.generator("onnx-verify", batch, length);
    if (input.type() == DataType.INT64) {
      return VerificationInput.tokens(batch, length, bound, random);
    }
    Shape sample = input.sampleShape();
    Shape resized = new Shape(length).addAll(sample.slice(1));
    return VerificationInput.normal(batch, resized, input.dynamicSequence(), random);
  }

  /** The ONNX IR version that goes with an operator set (ONNX's versioning table). */
  static long irVersion(int opset) {
    if (opset <= 18) {
      return 8;
    }
    return opset <= 20 ? 9 : 10;
  }

  private static String producerVersion() {
    String version = OnnxExporter.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
