package io.pretext.api.nn.layers;

import static io.pretext.api.nn.layers.BlockTesting.trainableParameters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import io.pretext.core.nn.encoders.TextTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextLayersTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    Engine.getInstance().setRandomSeed(3);
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDList run(ai.djl.nn.Block block, boolean training, NDArray... inputs) {
    return block.forward(new ParameterStore(manager, false), new NDList(inputs), training);
  }

  private TransformerEncoder encoder(int vocabulary, int maxLength) {
    TransformerEncoder encoder = new TextTransformer(vocabulary, maxLength, 16, 2, 4, 32, 0.1f)
        .build(new Shape(maxLength));
    encoder.initialize(manager, DataType.FLOAT32, new Shape(2, maxLength));
    return encoder;
  }

  /** A forward pass in a step's scope leaves nothing in the parameters' manager (an op on a weight alone would). */
  @Test
  void aForwardPassInAScopeLeavesNoArrayWithTheParameters() {
    TransformerEncoder encoder = encoder(30, 10);
    int held = manager.getManagedArrays().size();
    for (int pass = 0; pass < 2; pass++) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray ids = scope.create(new long[] {2, 7, 8, 9, 3, 0, 0, 2, 5, 3, 0, 0}, new Shape(2, 6));
        encoder.forward(new ParameterStore(scope, false), new NDList(ids), true);
      }
    }
    assertEquals(held, manager.getManagedArrays().size(), "arrays left with the parameters after two forward passes");
  }

  @Test
  void encoderGivesPooledFeaturesAndTokenStates() {
    TransformerEncoder encoder = encoder(30, 10);
    NDArray ids = manager.create(new long[] {2, 7, 8, 9, 3, 0, 0, 2, 5, 3, 0, 0}, new Shape(2, 6));
    NDList out = run(encoder, true, ids);
    assertEquals(2, out.size());
    assertEquals(new Shape(2, 16), out.get(0).getShape());
    assertEquals(new Shape(2, 6, 16), out.get(1).getShape());
    Shape[] declared = encoder.getOutputShapes(new Shape[] {new Shape(2, 6)});
    assertArrayEquals(new Shape[] {new Shape(2, 16), new Shape(2, 6, 16)}, declared);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 9})
  void addingPaddingDoesNotChangePooledFeatures(int extraPads) {
    TransformerEncoder encoder = encoder(40, 16);
    long[] sentence = {2, 11, 25, 7, 3};
    NDArray shortIds = manager.create(sentence, new Shape(1, sentence.length));
    long[] padded = java.util.Arrays.copyOf(sentence, sentence.length + extraPads);
    NDArray longIds = manager.create(padded, new Shape(1, padded.length));
    NDList a = run(encoder, false, shortIds);
    NDList b = run(encoder, false, longIds);
    assertArrayEquals(a.get(0).toFloatArray(), b.get(0).toFloatArray(), 1e-5f);
    NDArray statesKept = b.get(1).get(new NDIndex(":, 0:{}, :", sentence.length));
    assertArrayEquals(a.get(1).toFloatArray(), statesKept.toFloatArray(), 1e-5f);
  }

  @Test
  void pooledFeaturesAreTheMeanOfNonPadStates() {
    TransformerEncoder encoder = encoder(20, 8);
    NDArray ids = manager.create(new long[] {2, 4, 9, 3, 0, 0}, new Shape(1, 6));
    NDList out = run(encoder, false, ids);
    NDArray mean = out.get(1).get(new NDIndex(":, 0:4, :")).mean(new int[] {1});
    assertArrayEquals(mean.toFloatArray(), out.get(0).toFloatArray(), 1e-6f);
  }

  @Test
  void attentionNeverLooksAtPaddedKeys() {
    MultiHeadSelfAttention attention = new MultiHeadSelfAttention(8, 2);
    attention.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 8), new Shape(1, 5));
    NDArray x = manager.randomNormal(new Shape(1, 5, 8));
    NDArray pad = manager.create(new boolean[] {false, false, false, true, true}, new Shape(1, 5));
    NDArray changed = x.duplicate();
    changed.set(new NDIndex(":, 3:, :"), manager.randomNormal(0, 100, new Shape(1, 2, 8), DataType.FLOAT32));
    NDArray y1 = run(attention, false, x, pad).singletonOrThrow().get(new NDIndex(":, 0:3, :"));
    NDArray y2 = run(attention, false, changed, pad).singletonOrThrow().get(new NDIndex(":, 0:3, :"));
    assertArrayEquals(y1.toFloatArray(), y2.toFloatArray(), 1e-5f);
    // without the mask the padded keys do change the result
    NDArray none = manager.zeros(new Shape(1, 5), DataType.BOOLEAN);
    NDArray z1 = run(attention, false, x, none).singletonOrThrow().get(new NDIndex(":, 0:3, :"));
    NDArray z2 = run(attention, false, changed, none).singletonOrThrow().get(new NDIndex(":, 0:3, :"));
    assertTrue(z1.sub(z2).abs().max().getFloat() > 1e-3f);
  }

  @Test
  void attentionMatchesTheWrittenFormulaForOneHead() {
    MultiHeadSelfAttention attention = new MultiHeadSelfAttention(4, 1);
    attention.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4), new Shape(1, 3));
    NDArray x = manager.randomNormal(new Shape(1, 3, 4));
    NDArray pad = manager.create(new boolean[] {false, false, true}, new Shape(1, 3));
    NDArray w = attention.getInputProjection().getParameters().get("weight").getArray();
    NDArray bias = attention.getInputProjection().getParameters().get("bias").getArray();
    NDArray qkv = x.get(0).matMul(w.transpose()).add(bias);
    NDArray q = qkv.get(":, 0:4");
    NDArray k = qkv.get(":, 4:8");
    NDArray v = qkv.get(":, 8:12");
    NDArray s = q.matMul(k.transpose()).div(2f);
    NDArray a = s.get(":, 0:2").softmax(-1);
    NDArray o = a.matMul(v.get("0:2, :"));
    NDArray wo = attention.getOutputProjection().getParameters().get("weight").getArray();
    NDArray bo = attention.getOutputProjection().getParameters().get("bias").getArray();
    NDArray expected = o.matMul(wo.transpose()).add(bo);
    assertArrayEquals(expected.toFloatArray(), run(attention, false, x, pad).singletonOrThrow().toFloatArray(), 1e-5f);
    assertEquals(0.5f, attention.getScale(), 1e-7f);
  }

  @Test
  void layerNormNormalisesTheLastAxis() {
    LayerNorm norm = new LayerNorm();
    norm.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
    NDArray y = run(norm, false, manager.create(new float[] {1, 2, 3, 4, 10, 10, 10, 10}, new Shape(2, 4)))
        .singletonOrThrow();
    float s = (float) Math.sqrt(1.25 + 1e-5);
    assertArrayEquals(new float[] {-1.5f / s, -0.5f / s, 0.5f / s, 1.5f / s, 0, 0, 0, 0}, y.toFloatArray(), 1e-5f);
  }

  @Test
  void embeddingsLookUpRowsAndRefuseLongSequences() {
    TokenEmbedding tokens = new TokenEmbedding(5, 3);
    tokens.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    NDArray table = tokens.getWeight().getArray();
    NDArray y = run(tokens, false, manager.create(new int[] {4, 1}, new Shape(1, 2))).singletonOrThrow();
    assertArrayEquals(table.get("4").concat(table.get("1")).toFloatArray(), y.toFloatArray());
    PositionEmbedding positions = new PositionEmbedding(4, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> positions.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 3)));
    assertTrue(e.getMessage().contains("longer than the 4 positions"), e.getMessage());
  }

  @Test
  void dropoutActsOnlyInTraining() {
    Dropout dropout = new Dropout(0.5f);
    NDArray x = manager.ones(new Shape(1000));
    assertArrayEquals(x.toFloatArray(), run(dropout, false, x).singletonOrThrow().toFloatArray());
    NDArray y = run(dropout, true, x).singletonOrThrow();
    long zeros = y.eq(0).sum().getLong();
    assertTrue(zeros > 400 && zeros < 600, "zeros " + zeros);
    assertEquals(2f, y.max().getFloat(), 1e-6f);
  }

  @Test
  void benchmarkSizesHaveThePeerParameterCountLessTheHeadBias() {
    // The PyTorch peer's 1,435,589 parameters include the MLM head's 8,005 output biases.
    TransformerEncoder encoder = new TextTransformer(8005, 48, 128, 2, 4, 512, 0.1f).build(new Shape(48));
    encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 48));
    assertEquals(1_435_589 - 8_005, trainableParameters(encoder));
  }

  @Test
  void badSizesAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TextTransformer(10, 8, 10, 1, 3, 8, 0f));
    assertTrue(e.getMessage().contains("multiple of heads 3"), e.getMessage());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> new TextTransformer(10, 8, 8, 1, 2, 8, 0f).build(new Shape(9)));
    assertTrue(tooLong.getMessage().contains("max-length 8"), tooLong.getMessage());
  }

  @Test
  void gradientsDoNotDependOnAGarbageCollectionBeforeBackward() throws Exception {
    TransformerEncoder encoder = encoder(30, 8);
    NDArray ids = manager.create(new long[] {2, 7, 8, 9, 3, 0, 2, 5, 3, 0, 0, 0}, new Shape(2, 6));
    float[] plain = gradients(encoder, ids, false);
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, gradients(encoder, ids, true), "round " + round);
    }
  }

  /** All parameter gradients of one backward pass of the pooled features' sum, concatenated. */
  private float[] gradients(TransformerEncoder encoder, NDArray ids, boolean collectBeforeBackward) throws Exception {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.zeroGradients();
      NDArray pooled = run(encoder, false, ids).get(0);
      List<ByteBuffer> reuse = collectBeforeBackward ? BlockTesting.collectFreedBuffers() : List.of();
      collector.backward(pooled.mul(pooled).sum());
      List<Float> all = new ArrayList<>();
      for (Pair<String, Parameter> p : encoder.getParameters()) {
        for (float g : p.getValue().getArray().getGradient().toFloatArray()) {
          all.add(g);
        }
      }
      Reference.reachabilityFence(reuse); // the buffers over the freed memory stay allocated until here
      float[] out = new float[all.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = all.get(i);
      }
      return out;
    }
  }
}
