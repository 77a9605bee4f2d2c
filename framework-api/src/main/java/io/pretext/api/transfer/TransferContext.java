package io.pretext.api.transfer;

import io.pretext.api.spi.InputBatcher;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything a downstream {@link io.pretext.api.transfer.DownstreamEvaluator} needs besides the labeled data: the
 * pretrained encoder (as weights to load into fresh copies, frozen or trainable), fresh
 * randomly initialized encoders of the same architecture, the input shape and feature size, the
 * deterministic {@code downstream.preprocess} pipeline, how samples become an input batch, the
 * seeds, the engine and device, and the thread count.
 *
 * <p>It also holds a per-transfer memo ({@link #shared}) so that evaluators can share expensive,
 * deterministic values such as the test set's features; create one context per transfer.
 *
 * <pre>{@code
 * // after pretraining, before closing the TrainResult (or later: PretrainedWeights.read(result.encoderParameters()))
 * TransferContext context = new TransferContext(plugins.encoder(), result.inputShape(),
 *     PretrainedWeights.of(result.encoder()), plugins.preprocess(), InputBatcher.images(),
 *     new SeedSource(runtime.seed()), engine);
 * }</pre>
 */
public final class TransferContext {
  private final Encoder encoder;
  private final Shape inputShape;
  private final PretrainedWeights pretrained;
  private final AugmentPipeline preprocess;
  private final InputBatcher batcher;
  private final SeedSource seeds;
  private final ComputeEngine engine;
  private final Map<String, Object> memo = new ConcurrentHashMap<>();

  /**
   * @param encoder the encoder plugin used for pretraining
   * @param inputShape one encoder input without the batch axis, e.g. (1, 28, 28)
   * @param pretrained the pretrained encoder's parameters
   * @param preprocess deterministic per-sample preprocessing (e.g. normalize) for every labeled and test sample
   * @param batcher how preprocessed samples become one input tensor
   * @param seeds the run's seed source
   * @param engine the run's engine: device and threads
   */
  public TransferContext(Encoder encoder, Shape inputShape, PretrainedWeights pretrained, AugmentPipeline preprocess,
      InputBatcher batcher, SeedSource seeds, ComputeEngine engine) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
    this.pretrained = Objects.requireNonNull(pretrained, "pretrained");
    this.preprocess = Objects.requireNonNull(preprocess, "preprocess");
    this.batcher = Objects.requireNonNull(batcher, "batcher");
    this.seeds = Objects.requireNonNull(seeds, "seeds");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The encoder plugin. */
  public Encoder encoder() {
    return encoder;
  }

  /** One encoder input without the batch axis. */
  public Shape inputShape() {
    return inputShape;
  }

  /** The encoder's feature length. */
  public long featureSize() {
    return encoder.featureSize(inputShape);
  }

  /** The pretrained parameters. */
  public PretrainedWeights pretrained() {
    return pretrained;
  }

  /** Deterministic preprocessing applied to every labeled and test sample. */
  public AugmentPipeline preprocess() {
    return preprocess;
  }

  public InputBatcher batcher() {
    return batcher;
  }

  public SeedSource seeds() {
    return seeds;
  }

  /** The engine set-up (started on first use). */
  public ComputeEngine engine() {
    return engine;
  }

  /** The device to run on; starts the engine. */
  public Device device() {
    return engine.device();
  }

  /** Compute threads. */
  public int threads() {
    return engine.threads();
  }

  /** A new, uninitialized encoder block of the pretrained architecture. */
  public Block newEncoderBlock() {
    return encoder.build(inputShape);
  }

  /**
   * A new encoder with the pretrained weights, parameters in the manager. It is an independent copy:
   * training it leaves the pretrained weights as they are. For frozen use, keep it out of a trainer
   * and call it with {@code training = false} (BatchNorm then uses its running statistics).
   */
  public Block pretrainedEncoder(NDManager manager) {
    engine.start();
    Block block = newEncoderBlock();
    pretrained.loadInto(block, manager);
    block.initialize(manager, DataType.FLOAT32, batchShape(1));
    return block;
  }

  /**
   * A new encoder with freshly initialized weights (the architecture's own initializers), seeded
   * from {@code seeds().derive(purpose)}: the from-scratch and random-init controls.
   */
  public Block randomEncoder(NDManager manager, String purpose) {
    seedEngine(purpose);
    Block block = newEncoderBlock();
    block.initialize(manager, DataType.FLOAT32, batchShape(1));
    return block;
  }

  /**
   * Seeds the engine's generator (used by parameter initializers) for a purpose. Call right before
   * initializing parameters; the engine's generator is shared, so do not initialize on several threads.
   */
  public void seedEngine(String purpose) {
    engine.seed(seeds.derive(purpose));
  }

  /** The shape of a batch of encoder inputs, {@code (n, inputShape...)}. */
  public Shape batchShape(long n) {
    return new Shape(n).addAll(inputShape);
  }

  /**
   * A value computed once per transfer and shared between evaluators and label budgets, e.g. the
   * test set's frozen features. The value must depend only on the key (and this context).
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> compute) {
    Object cached = memo.get(key);
    if (cached == null) {
      cached = compute.get();
      Object raced = memo.putIfAbsent(key, cached);
      if (raced != null) {
        cached = raced;
      }
    }
    return (T) cached;
  }
}
