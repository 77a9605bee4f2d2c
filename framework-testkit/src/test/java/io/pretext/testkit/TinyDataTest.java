package io.pretext.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.Image;
import io.pretext.api.data.ImageDataset;
import io.pretext.api.data.TextDataset;
import org.junit.jupiter.api.Test;

class TinyDataTest {

  @Test
  void imagesAreSeededLabeledRoundRobinAndUpright() {
    ImageDataset a = TinyData.images(40, 3, 10, 12, 5);
    assertEquals(40, a.size());
    assertEquals(TinyData.IMAGE_CLASSES, a.classNames());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(i % 4, a.label(i));
      assertEquals(a.get(i), TinyData.images(40, 3, 10, 12, 5).get(i), "image " + i);
    }
    assertNotEquals(a.get(0), TinyData.images(40, 3, 10, 12, 6).get(0));
    Image image = a.get(7);
    assertEquals(3, image.channels());
    assertEquals(10, image.height());
    assertEquals(12, image.width());
    // The shading: on average, the top row is brighter than the bottom row.
    double top = 0;
    double bottom = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int x = 0; x < 12; x++) {
        top += a.get(i).get(0, 0, x);
        bottom += a.get(i).get(0, 9, x);
      }
    }
    assertTrue(top > bottom + 0.2 * 12 * a.size(), "top " + top + ", bottom " + bottom);
  }

  @Test
  void imagesOfTheSameClassDifferAndGetReturnsACopy() {
    ImageDataset data = TinyData.images(8, 1, 8, 8, 1);
    assertNotEquals(data.get(0), data.get(4));
    data.get(0).pixels()[0] = 99;
    assertTrue(data.get(0).pixels()[0] <= 1);
  }

  @Test
  void textsAreSeededAndCarryTheirSentimentInTheirAdjective() {
    TextDataset texts = TinyData.texts(20, 3);
    assertEquals(TinyData.TEXT_CLASSES, texts.classNames());
    assertEquals(texts, TinyData.texts(20, 3));
    assertNotEquals(texts, TinyData.texts(20, 4));
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      assertEquals(i % 2, texts.label(i));
      assertTrue(text.endsWith("."), text);
      boolean positive = text.matches(".*\\b(good|great|wonderful|fun|lovely)\\b.*");
      assertEquals(texts.label(i) == 1, positive, text);
    }
  }

  @Test
  void rejectsSizesItCannotDraw() {
    assertThrows(IllegalArgumentException.class, () -> TinyData.images(0, 1, 8, 8, 0));
    assertThrows(IllegalArgumentException.class, () -> TinyData.images(4, 1, 2, 8, 0));
    assertThrows(IllegalArgumentException.class, () -> TinyData.texts(0, 0));
  }
}
