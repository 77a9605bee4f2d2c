package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.data.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchPairSamplerTest {
  private static final int H = 40;
  private static final int W = 44;

  /** A grey image whose pixel (y, x) holds (y·W + x) / (H·W): every pixel says where it is. */
  private static Image coordinates(int h, int w) {
    float[] px = new float[h * w];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) i / (h * w);
    }
    return new Image(1, h, w, px);
  }

  /** The (y, x) a pixel value of {@link #coordinates} came from. */
  private static int[] where(float value) {
    int index = Math.round(value * H * W);
    return new int[] {index / W, index % W};
  }

  /** Checks that the patch is the contiguous block of the image whose top-left corner it reports. */
  private static void assertCutAt(Image patch, int y0, int x0, int p) {
    assertTrue(y0 >= 0 && x0 >= 0 && y0 + p <= H && x0 + p <= W, "patch at " + y0 + "," + x0 + " leaves the image");
    for (int y = 0; y < p; y++) {
      for (int x = 0; x < p; x++) {
        int[] at = where(patch.get(0, y, x));
        assertEquals(y0 + y, at[0]);
        assertEquals(x0 + x, at[1]);
      }
    }
  }

  @Test
  void eachLabelPutsTheNeighbourInItsDirectionAtPatchPlusGapDistance() {
    PatchGrid grid = new PatchGrid(8, 4, 2);
    PatchPairSampler sampler = new PatchPairSampler(grid, 1, ChromaticGuard.NONE);
    Image image = coordinates(H, W);
    SplittableRandom random = new SplittableRandom(5);
    int[] seen = new int[8];
    int largestShift = 0;
    for (int draw = 0; draw < 2000; draw++) {
      PatchPair pair = sampler.sample(image.copy(), random);
      int label = pair.label();
      seen[label]++;
      int[] c = where(pair.centre().get(0, 0, 0));
      int[] n = where(pair.neighbour().get(0, 0, 0));
      assertEquals(pair.centreY(), c[0]);
      assertEquals(pair.centreX(), c[1]);
      assertEquals(pair.neighbourY(), n[0]);
      assertEquals(pair.neighbourX(), n[1]);
      assertCutAt(pair.centre(), c[0], c[1], 8);
      assertCutAt(pair.neighbour(), n[0], n[1], 8);
      int[] d = {n[0] - c[0], n[1] - c[1]};
      int[] cells = {PatchGrid.rowOffset(label), PatchGrid.columnOffset(label)};
      for (int axis = 0; axis < 2; axis++) {
        // Both patches are jittered by at most 2, so their distance is stride ± 4 (or 0 ± 4).
        int deviation = d[axis] - cells[axis] * grid.stride();
        assertTrue(Math.abs(deviation) <= 2 * grid.jitter(), "label " + label + " offset " + d[0] + "," + d[1]);
        largestShift = Math.max(largestShift, Math.abs(deviation));
        if (cells[axis] != 0) {
          // The gap minus both jitters stays between them: they never touch.
          assertTrue(Math.abs(d[axis]) >= grid.patch() + grid.gap() - 2 * grid.jitter());
          assertEquals(cells[axis], Integer.signum(d[axis]), "label " + label + " direction");
        }
      }
      // The centre sits in the middle cell of a grid laid inside the image.
      assertTrue(c[0] >= grid.stride() && c[0] + grid.patch() + grid.stride() <= H);
      assertTrue(c[1] >= grid.stride() && c[1] + grid.patch() + grid.stride() <= W);
    }
    for (int label = 0; label < 8; label++) {
      assertTrue(seen[label] > 150, "label " + label + " drawn " + seen[label] + " times of 2000");
    }
    assertEquals(2 * grid.jitter(), largestShift, "jitter never reached its bound");
  }

  @Test
  void labelsFollowTheDocumentedLayout() {
    int[][] expected = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    for (int label = 0; label < 8; label++) {
      assertEquals(expected[label][0], PatchGrid.rowOffset(label));
      assertEquals(expected[label][1], PatchGrid.columnOffset(label));
    }
    assertThrows(IllegalArgumentException.class, () -> PatchGrid.rowOffset(8));
  }

  @Test
  void aGridThatDoesNotFitNamesTheSizes() {
    PatchPairSampler sampler = new PatchPairSampler(new PatchGrid(12, 2, 1), 1, ChromaticGuard.NONE);
    ConfigException e = assertThrows(ConfigException.class,
        () -> sampler.sample(coordinates(28, 28), new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("= 42"), e.getMessage());
    assertTrue(e.getMessage().contains("28x28"), e.getMessage());
    assertTrue(e.getMessage().contains("pretext.patch"), e.getMessage());
    // Upscaled twice, the same image has room.
    new PatchPairSampler(new PatchGrid(12, 2, 1), 2, ChromaticGuard.NONE).sample(coordinates(28, 28),
        new SplittableRandom(1));
  }

  @Test
  void aJitterAboveHalfTheGapIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> new PatchGrid(8, 2, 2));
    assertTrue(e.getMessage().contains("pretext.jitter"), e.getMessage());
  }

  @Test
  void theSameSeedGivesTheSamePair() {
    PatchPairSampler sampler = new PatchPairSampler(new PatchGrid(8, 4, 2), 1, ChromaticGuard.NONE);
    PatchPair a = sampler.sample(coordinates(H, W), new SplittableRandom(9));
    PatchPair b = sampler.sample(coordinates(H, W), new SplittableRandom(9));
    assertEquals(a, b);
    PatchPair other = sampler.sample(coordinates(H, W), new SplittableRandom(10));
    assertNotEquals(a, other);
  }

  @Test
  void upscaleDoublesTheImageBilinearly() {
    Image small = new Image(1, 2, 2, new float[] {0, 1, 2, 3});
    Image big = Bilinear.upscale(small, 2);
    assertEquals(4, big.height());
    assertEquals(0f, big.get(0, 0, 0));
    assertEquals(0.25f, big.get(0, 0, 1), 1e-6);
    assertEquals(0.75f, big.get(0, 0, 2), 1e-6);
    assertEquals(3f, big.get(0, 3, 3));
    assertEquals(1.5f, (big.get(0, 1, 1) + big.get(0, 2, 2)) / 2, 1e-6);
  }

  @Test
  void theChromaticGuardGreysOrDropsRgbPatches() {
    float[] px = new float[3 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = i / 12f;
    }
    Image grey = new Image(3, 2, 2, px.clone());
    new ChromaticGuard(1, 0).apply(grey, new SplittableRandom(1));
    for (int i = 0; i < 4; i++) {
      assertEquals(grey.pixels()[i], grey.pixels()[4 + i]);
      assertEquals(grey.pixels()[i], grey.pixels()[8 + i]);
    }
    Image dropped = new Image(3, 2, 2, px.clone());
    new ChromaticGuard(0, 1).apply(dropped, new SplittableRandom(1));
    int kept = 0;
    for (int c = 0; c < 3; c++) {
      boolean same = true;
      for (int i = 0; i < 4; i++) {
        same &= dropped.pixels()[c * 4 + i] == px[c * 4 + i];
        if (dropped.pixels()[c * 4 + i] != px[c * 4 + i]) {
          assertTrue(Math.abs(dropped.pixels()[c * 4 + i]) < 0.05f);
        }
      }
      kept += same ? 1 : 0;
    }
    assertEquals(1, kept);
    Image single = new Image(1, 2, 2, new float[] {0, 1, 2, 3});
    new ChromaticGuard(1, 1).apply(single, new SplittableRandom(1));
    assertEquals(new Image(1, 2, 2, new float[] {0, 1, 2, 3}), single);
  }
}
