package io.pretext.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

  @Test
  void zeroToOneTicksEveryFifth() {
    Axis a = Axis.linear(0, 1, 6);
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), a.ticks());
    assertEquals("0.0", a.label(0));
    assertEquals("0.6", a.label(0.6));
    assertEquals(0.5, a.fraction(0.5), 1e-12);
  }

  @Test
  void oddRangeIsWidenedToNiceEnds() {
    Axis a = Axis.linear(0.37, 0.81, 6);
    assertEquals(List.of(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), a.ticks());
    assertTrue(a.min() <= 0.37 && a.max() >= 0.81);
    assertEquals("0.7", a.label(0.7));
  }

  @Test
  void largeAndNegativeRanges() {
    assertEquals(List.of(0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0), Axis.linear(100, 6000, 7).ticks());
    assertEquals(List.of(-2.0, -1.0, 0.0, 1.0, 2.0, 3.0), Axis.linear(-1.7, 2.2, 6).ticks());
    assertEquals("6000", Axis.linear(100, 6000, 7).label(6000));
  }

  @Test
  void emptyRangeIsWidenedAroundTheValue() {
    Axis a = Axis.linear(2.5, 2.5, 5);
    assertTrue(a.min() < 2.5 && a.max() > 2.5, a.toString());
    Axis zero = Axis.linear(0, 0, 5);
    assertTrue(zero.min() < 0 && zero.max() > 0, zero.toString());
  }

  @Test
  void logAxisOverLabelCountsUsesOneTwoFive() {
    Axis a = Axis.log10(100, 6000);
    assertEquals(100, a.min());
    assertEquals(10000, a.max());
    assertEquals(List.of(100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0), a.ticks());
    assertEquals("1000", a.label(1000));
    assertEquals(0.5, a.fraction(1000), 1e-12);
  }

  @Test
  void wideLogAxisUsesDecadesOnly() {
    Axis a = Axis.log10(3, 250000);
    assertEquals(List.of(2.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 500000.0), a.ticks());
    Axis small = Axis.log10(0.02, 0.7);
    assertEquals("0.05", small.label(0.05));
  }

  @Test
  void logAxisRejectsNonPositiveValues() {
    assertThrows(IllegalArgumentException.class, () -> Axis.log10(0, 10));
  }
}
