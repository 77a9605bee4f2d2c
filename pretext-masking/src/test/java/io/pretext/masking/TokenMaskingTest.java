package io.pretext.masking;

import io.pretext.api.text.SpecialTokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenMaskingTest {
  private static final int VOCABULARY = 100;
  private final TokenMasking bert = new TokenMasking(0.15, 0.8, 0.1, VOCABULARY);

  /** [CLS], 30 ordinary tokens with an [UNK] among them, [SEP], then 5 pads. */
  private static int[] sequence() {
    int[] ids = new int[37];
    ids[0] = SpecialTokens.CLS;
    for (int i = 1; i <= 30; i++) {
      ids[i] = 5 + (i * 7) % (VOCABULARY - 5);
    }
    ids[12] = SpecialTokens.UNK;
    ids[31] = SpecialTokens.SEP;
    return ids;
  }

  @Test
  void proportionsFollowBertWithinStatisticalBounds() {
    SplittableRandom random = new SplittableRandom(11);
    int[] original = sequence();
    long eligible = 0;
    long selected = 0;
    long masked = 0;
    long replaced = 0;
    long kept = 0;
    for (int s = 0; s < 20_000; s++) {
      TokenSequence out = bert.apply(TokenSequence.unmasked(original), random);
      for (int i = 0; i < original.length; i++) {
        if (!SpecialTokens.isSpecial(original[i])) {
          eligible++;
        }
        if (out.targets()[i] == TokenSequence.NOT_SELECTED) {
          assertEquals(original[i], out.ids()[i], "an unselected token changed");
          continue;
        }
        selected++;
        assertEquals(original[i], out.targets()[i]);
        if (out.ids()[i] == SpecialTokens.MASK) {
          masked++;
        } else if (out.ids()[i] == original[i]) {
          kept++;
        } else {
          replaced++;
          assertTrue(out.ids()[i] >= SpecialTokens.COUNT && out.ids()[i] < VOCABULARY, "random id " + out.ids()[i]);
        }
      }
    }
    // binomial bounds at about 5 standard deviations
    double pSelected = (double) selected / eligible;
    assertEquals(0.15, pSelected, 5 * Math.sqrt(0.15 * 0.85 / eligible), "selected share");
    assertEquals(0.8, (double) masked / selected, 5 * Math.sqrt(0.8 * 0.2 / selected), "[MASK] share");
    // a random replacement can draw the original token (1 in 95), which then counts as kept
    double randomDraw = 0.1 * (VOCABULARY - 6) / (VOCABULARY - 5);
    assertEquals(randomDraw, (double) replaced / selected, 5 * Math.sqrt(0.1 * 0.9 / selected), "random share");
    assertEquals(1 - 0.8 - randomDraw, (double) kept / selected, 5 * Math.sqrt(0.1 * 0.9 / selected), "kept share");
  }

  @Test
  void specialTokensPaddingAndUnknownsAreNeverSelected() {
    TokenMasking everything = new TokenMasking(1.0, 1.0, 0.0, VOCABULARY);
    int[] original = sequence();
    TokenSequence out = everything.apply(TokenSequence.unmasked(original), new SplittableRandom(1));
    for (int i = 0; i < original.length; i++) {
      boolean special = SpecialTokens.isSpecial(original[i]);
      assertEquals(special, out.targets()[i] == TokenSequence.NOT_SELECTED, "position " + i);
      assertEquals(special ? original[i] : SpecialTokens.MASK, out.ids()[i], "position " + i);
    }
  }

  @Test
  void theSameSeedGivesTheSameMaskingAndTheInputIsLeftAlone() {
    TokenSequence in = TokenSequence.unmasked(sequence());
    TokenSequence a = bert.apply(in, new SplittableRandom(5));
    assertEquals(a, bert.apply(in, new SplittableRandom(5)));
    assertNotEquals(a, bert.apply(in, new SplittableRandom(6)));
    assertEquals(TokenSequence.unmasked(sequence()), in);
  }

  @Test
  void badSharesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenMasking(0.15, 0.8, 0.3, 50));
    assertTrue(e.getMessage().contains("add up to at most 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenMasking(0, 0.8, 0.1, 50));
  }
}
