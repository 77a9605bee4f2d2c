package io.pretext.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pretext.api.spi.MaskedTokenPredictor.MaskedTokenScores;
import io.pretext.api.spi.MaskedTokenPredictor.Score;
import io.pretext.api.text.Tokenizer;
import io.pretext.api.text.TokenizerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedTokenEvaluationTest {

  /** A "model" that always gives the highest logit to one token id. */
  private static final class Always extends AbstractBlock {
    private final int id;
    private final int vocabulary;

    Always(int id, int vocabulary) {
      this.id = id;
      this.vocabulary = vocabulary;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
      long m = inputs.get(1).getShape().get(0);
      NDArray logits = inputs.get(1).getManager().zeros(new Shape(m, vocabulary));
      logits.set(new ai.djl.ndarray.index.NDIndex(":, {}", id), 1f);
      return new NDList(logits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {new Shape(inputShapes[1].get(0), vocabulary)};
    }
  }

  @Test
  void baselinesAndModelAreScoredOnTheSamePositions() {
    // "the cat" is always followed by "sat": the bigram baseline gets every "sat" after "cat" right
    List<String> train = List.of("the cat sat", "the cat sat", "the cat sat", "the dog ran", "the the the");
    Tokenizer tokenizer = Tokenizer.train(train, new TokenizerSettings(40, 1, true, true, 8));
    List<String> heldOut = List.of("the cat sat", "the dog ran");
    int the = tokenizer.id("the");
    try (NDManager manager = NDManager.newBaseManager()) {
      MaskedTokenScores r = new MaskedTokenEvaluation(tokenizer, 1.0, 7)
          .run(new Always(the, tokenizer.vocabularySize()), train, heldOut, 1, manager);
      // every ordinary token masked: 6 positions, of which 2 are "the"
      assertEquals(6, r.positions());
      assertEquals(2, r.texts());
      Score model = r.scores().get(0);
      Score bigram = r.scores().get(1);
      Score unigram = r.scores().get(2);
      assertEquals(2 / 6.0, model.top1(), 1e-9);
      // unigram: "the" is the most frequent token
      assertEquals(2 / 6.0, unigram.top1(), 1e-9);
      // bigram: the first token follows [CLS] ("the" after [CLS] every time); the others follow a [MASK] (unigram)
      assertEquals(2 / 6.0, bigram.top1(), 1e-9);
      assertTrue(unigram.top5() >= unigram.top1() && unigram.top5() <= 1.0);
      assertEquals(1.0, unigram.top5(), 1e-9); // only 5 ordinary words in the corpus: the cat sat dog ran
    }
  }

  @Test
  void bigramUsesThePreviousTokenWhenItIsVisible() {
    List<String> train = List.of("the cat sat", "the cat sat", "a dog ran", "the the the", "the the the");
    Tokenizer tokenizer = Tokenizer.train(train, new TokenizerSettings(40, 1, true, true, 8));
    try (NDManager manager = NDManager.newBaseManager()) {
      // with p = 0.5 some positions follow a visible token; bigram must then beat unigram
      MaskedTokenScores r = new MaskedTokenEvaluation(tokenizer, 0.5, 3)
          .run(new Always(tokenizer.id("the"), tokenizer.vocabularySize()), train, List.of(
              "the cat sat", "the cat sat", "a dog ran", "the cat sat", "a dog ran", "the cat sat"), 4, manager);
      assertTrue(r.positions() > 0);
      assertTrue(r.scores().get(1).top1() > r.scores().get(2).top1(), r.toString());
    }
  }
}
