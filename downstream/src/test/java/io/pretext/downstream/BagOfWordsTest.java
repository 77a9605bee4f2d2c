package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.TextDataset;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BagOfWordsTest {

  private static TextDataset reviews(int count, int offset) {
    String[] good = {"great", "lovely", "superb", "good"};
    String[] bad = {"awful", "bad", "terrible", "poor"};
    List<String> texts = new ArrayList<>();
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int k = (i / 2 + offset) % 4;
      labels[i] = i % 2;
      texts.add("The meal was " + (labels[i] == 1 ? good[k] : bad[k]) + " and the room was " + (i % 3 == 0 ? "big." : "small!"));
    }
    return new TextDataset(texts, labels, List.of("negative", "positive"));
  }

  @Test
  void rowsMarkTheWordsOfTheLabeledVocabulary() {
    TextDataset labeled = new TextDataset(List.of("Good food, good room", "Bad food"), new int[] {1, 0},
        List.of("negative", "positive"));
    BagOfWords words = BagOfWords.fit(labeled);
    assertEquals(List.of("good", "food", ",", "good", "room"), BagOfWords.words("Good food, good room"));
    // sorted vocabulary: "," bad food good room
    assertEquals(5, words.size());
    FeatureMatrix m = words.features(new TextDataset(List.of("good FOOD and wine"), new int[] {1},
        List.of("negative", "positive")));
    assertArrayEquals(new float[] {0, 0, 1, 1, 0}, m.values());
  }

  @Test
  void theEvaluatorSeparatesSentimentWords() {
    ProbeEvaluator evaluator = new ProbeEvaluator("logistic regression, bag of words", FeatureSource.BAG_OF_WORDS,
        ProbeSettings.from(io.pretext.api.config.ConfigNode.empty("evaluator")), 64);
    EvaluationResult r = evaluator.evaluate(Fixtures.context(new MlpEncoder(List.of(8L), 4), 1),
        new LabeledTask(reviews(24, 0), reviews(40, 1), "24 labels", 0));
    assertTrue(r.accuracy() > 0.95, "accuracy " + r.accuracy());
  }

  @Test
  void imagesAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BagOfWords.fit(Fixtures.images(4, 2, 1)));
    assertTrue(e.getMessage().contains("needs text samples"), e.getMessage());
  }
}
