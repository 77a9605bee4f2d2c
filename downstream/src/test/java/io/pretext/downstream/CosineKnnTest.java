package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CosineKnnTest {

  @Test
  void weightedVoteMatchesTheHandComputedOne() {
    // Training points on the unit circle (2-D), classes 0, 0, 1, 1, 2.
    float[] train = {
        1, 0, // class 0, angle 0
        0.8f, 0.6f, // class 0, cos to query ~ 0.8
        0, 1, // class 1
        0.6f, 0.8f, // class 1
        -1, 0, // class 2
    };
    FeatureMatrix memory = new FeatureMatrix(train, 5, 2, new int[] {0, 0, 1, 1, 2}, 3);
    // Query at 45°: cosines 0.7071, 0.9899, 0.7071, 0.9899, -0.7071.
    FeatureMatrix query = new FeatureMatrix(new float[] {1, 1}, 1, 2, new int[] {0}, 3);
    try (Parallel parallel = new Parallel(1)) {
      // k = 3: neighbours 1 (0.9899), 3 (0.9899), then 0 (0.7071; ties with 2, lower index first).
      // Votes with T = 1: class 0: e^0.9899 + e^0.7071 = 4.719; class 1: e^0.9899 = 2.691 -> class 0.
      assertArrayEquals(new int[] {0}, new CosineKnn(3, 1.0).predict(memory, query, parallel));
      // k = 4 adds point 2 (class 1): class 1 = e^0.9899 + e^0.7071 ties class 0; the lower class wins.
      // With a scaled query the cosine is unchanged.
      FeatureMatrix scaled = new FeatureMatrix(new float[] {5, 5}, 1, 2, new int[] {0}, 3);
      assertArrayEquals(new int[] {0}, new CosineKnn(4, 1.0).predict(memory, scaled, parallel));
      // A query near class 2 with k = 1.
      FeatureMatrix left = new FeatureMatrix(new float[] {-1, 0.1f}, 1, 2, new int[] {2}, 3);
      assertArrayEquals(new int[] {2}, new CosineKnn(1, 0.07).predict(memory, left, parallel));
      // k = 5 with a sharp temperature: the two most similar (one per class 0 and 1, equal) tie -> class 0;
      // with the query tilted towards y, class 1's 0.6/0.8 point wins.
      FeatureMatrix tilted = new FeatureMatrix(new float[] {0.5f, 1}, 1, 2, new int[] {1}, 3);
      assertArrayEquals(new int[] {1}, new CosineKnn(5, 0.07).predict(memory, tilted, parallel));
    }
    double class0 = Math.exp(0.98995) + Math.exp(0.70711);
    double class1 = Math.exp(0.98995);
    assertEquals(4.72, class0, 0.01);
    assertEquals(2.69, class1, 0.01);
  }
}
