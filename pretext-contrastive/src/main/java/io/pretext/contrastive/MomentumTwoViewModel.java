package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.train.MomentumUpdate;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The online and target networks of the momentum methods (BYOL, Grill et al. 2020, Fig. 2; MoCo,
 * He et al. 2020, Fig. 1c): an online encoder f and projector g (optionally a predictor h) that
 * the optimizer trains, and a target encoder f' and projector g' of the same architecture that it
 * does not; the target follows the online network through an exponential moving average ({@link
 * MomentumUpdate}, built here and returned by {@link #ema()}).
 *
 * <p>Input (2N, C, H, W) in {@link TwoViewBatch}'s layout. As in {@link TwoViewModel}, each view's
 * half goes through each network on its own, so every BatchNorm sees one view. Output, in the same
 * row layout: {@code (o, z')}, both (2N, d): o the online output (h(g(f(x))) with a predictor,
 * g(f(x)) without), z' = g'(f'(x)) the target projection. The target's outputs carry no gradient
 * (its parameters are frozen and its inputs are data).
 */
final class MomentumTwoViewModel extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block encoder;
  private final Block projector;
  private final Optional<Block> predictor;
  private final Block targetEncoder;
  private final Block targetProjector;
  private final MomentumUpdate ema;
  private final long embeddingSize;

  private MomentumTwoViewModel(Block encoder, Block projector, Optional<Block> predictor, Block targetEncoder,
      Block targetProjector, MomentumUpdate ema, long embeddingSize) {
    super(VERSION);
    this.encoder = addChildBlock("encoder", encoder);
    this.projector = addChildBlock("projector", projector);
    this.predictor = predictor.map(p -> addChildBlock("predictor", p));
    this.targetEncoder = addChildBlock("target-encoder", targetEncoder);
    this.targetProjector = addChildBlock("target-projector", targetProjector);
    this.ema = ema;
    this.embeddingSize = embeddingSize;
  }

  /**
   * Builds both networks around the run's encoder; the target's encoder comes from {@link
   * ModelContext#newEncoder()}, its projector from the same head, and both are frozen.
   *
   * @param projectorHead the projector g (built twice: online and target)
   * @param predictor the predictor h on the online side for the projection size d, (d) to (d), or empty
   * @param schedule the momentum: {@link MomentumUpdate#cosine} or {@link MomentumUpdate#constant}, without pairs
   */
  static MomentumTwoViewModel build(ModelContext context, Head projectorHead, LongFunction<Optional<Block>> predictor,
      MomentumUpdate schedule) {
    Block projector = projectorHead.build(context.featureSize(), 0);
    long d = TwoViewModel.embeddingSize(projector, context.featureSize());
    Block targetEncoder = context.newEncoder();
    Block targetProjector = projectorHead.build(context.featureSize(), 0);
    MomentumUpdate ema = schedule.pair(context.encoder(), targetEncoder).pair(projector, targetProjector);
    return new MomentumTwoViewModel(context.encoder(), projector, predictor.apply(d), targetEncoder, targetProjector,
        ema, d);
  }

  /** The projection size d. */
  long embeddingSize() {
    return embeddingSize;
  }

  /** The EMA of the online encoder and projector into the target's, the hook a task returns. */
  MomentumUpdate ema() {
    return ema;
  }

  Block encoder() {
    return encoder;
  }

  Block projector() {
    return projector;
  }

  Block targetEncoder() {
    return targetEncoder;
  }

  Block targetProjector() {
    return targetProjector;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList views = TwoViewModel.views(inputs.head());
    NDArray[] online = new NDArray[2];
    NDArray[] target = new NDArray[2];
    for (int v = 0; v < 2; v++) {
      NDList x = new NDList(views.get(v));
      NDArray z = projector.forward(store, encoder.forward(store, x, training, params), training, params).head();
      online[v] = predictor.isPresent() ? predictor.get().forward(store, new NDList(z), training, params).head() : z;
      NDList t = targetProjector.forward(store, targetEncoder.forward(store, x, training, params), training, params);
      target[v] = t.head().stopGradient();
    }
    return new NDList(online[0].concat(online[1], 0), target[0].concat(target[1], 0));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    targetEncoder.initialize(manager, dataType, inputShapes);
    Shape features = encoder.getOutputShapes(inputShapes)[0];
    projector.initialize(manager, dataType, features);
    targetProjector.initialize(manager, dataType, features);
    Shape embeddings = projector.getOutputShapes(new Shape[] {features})[0];
    predictor.ifPresent(p -> p.initialize(manager, dataType, embeddings));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape features = encoder.getOutputShapes(inputShapes)[0];
    Shape embeddings = projector.getOutputShapes(new Shape[] {features})[0];
    Shape online = predictor.isEmpty() ? embeddings : predictor.get().getOutputShapes(new Shape[] {embeddings})[0];
    return new Shape[] {online, embeddings};
  }
}
