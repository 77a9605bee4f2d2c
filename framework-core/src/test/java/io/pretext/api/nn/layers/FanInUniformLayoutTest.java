package io.pretext.api.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which convolutions get the channels-last weight layout (see {@link FanInUniform}). */
class FanInUniformLayoutTest {

  @ParameterizedTest(name = "out {0}, in {1}: channels-last {2}")
  @CsvSource({"16, 1, true", "16, 16, true", "32, 16, true", "64, 32, true", "8, 1, true",
      "4, 1, false", "4, 4, false", "8, 4, false", "16, 3, false", "12, 8, false"})
  void channelsLastOnlyForChannelCountsWhereItIsSafe(long out, long in, boolean expected) {
    assertEquals(expected, FanInUniform.channelsLastIsSafe(out, in));
  }
}
