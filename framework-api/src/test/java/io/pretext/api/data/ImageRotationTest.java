package io.pretext.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageRotationTest {
  /**
   * Two channels of 2×3; channel 1 is channel 0 plus 10:
   * <pre>
   *   a b c      0 1 2
   *   d e f  =   3 4 5
   * </pre>
   */
  private static Image tiny() {
    return new Image(2, 2, 3, new float[] {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15});
  }

  @Test
  void quarterTurnCounterClockwiseSwapsTheSides() {
    // 90° counter-clockwise: the right column (c f) becomes the top row.
    //   c f      2 5
    //   b e  =   1 4
    //   a d      0 3
    Image r = ImageRotation.rotate(tiny(), 1);
    assertEquals(2, r.channels());
    assertEquals(3, r.height());
    assertEquals(2, r.width());
    assertArrayEquals(new float[] {2, 5, 1, 4, 0, 3, 12, 15, 11, 14, 10, 13}, r.pixels());
  }

  @Test
  void halfTurnReversesRowsAndColumns() {
    //   f e d      5 4 3
    //   c b a  =   2 1 0
    Image r = ImageRotation.rotate(tiny(), 2);
    assertEquals(2, r.height());
    assertEquals(3, r.width());
    assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10}, r.pixels());
  }

  @Test
  void threeQuarterTurnsIsOneTurnClockwise() {
    // 270° counter-clockwise: the left column read bottom-up (d a) becomes the top row.
    //   d a      3 0
    //   e b  =   4 1
    //   f c      5 2
    Image r = ImageRotation.rotate(tiny(), 3);
    assertEquals(3, r.height());
    assertEquals(2, r.width());
    assertArrayEquals(new float[] {3, 0, 4, 1, 5, 2, 13, 10, 14, 11, 15, 12}, r.pixels());
    assertEquals(r, ImageRotation.rotate(tiny(), -1));
  }

  @Test
  void zeroAndFourTurnsGiveACopyAndTheInputIsNeverChanged() {
    Image in = tiny();
    Image same = ImageRotation.rotate(in, 0);
    assertEquals(tiny(), same);
    assertTrue(same.pixels() != in.pixels(), "rotation by 0 must not share the pixels");
    Image back = in;
    for (int k = 0; k < 4; k++) {
      back = ImageRotation.rotate(back, 1);
    }
    assertEquals(tiny(), back);
    assertEquals(tiny(), in);
  }

  @Test
  void degreesMustBeMultiplesOfNinety() {
    assertEquals(0, ImageRotation.quarterTurns(0));
    assertEquals(1, ImageRotation.quarterTurns(90));
    assertEquals(3, ImageRotation.quarterTurns(-90));
    assertEquals(2, ImageRotation.quarterTurns(540));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageRotation.quarterTurns(45));
    assertTrue(e.getMessage().contains("45"), e.getMessage());
  }
}
