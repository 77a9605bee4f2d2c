package io.pretext.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueTypeTest {

  static Stream<Arguments> descriptions() {
    return Stream.of(
        Arguments.of(ValueType.string(), "a string"),
        Arguments.of(ValueType.oneOf("cpu", "gpu"), "one of [cpu, gpu]"),
        Arguments.of(ValueType.bool(), "a boolean (true or false)"),
        Arguments.of(ValueType.integer(0, 270), "an integer in [0, 270]"),
        Arguments.of(ValueType.positiveInt(), "an integer >= 1"),
        Arguments.of(ValueType.nonNegativeInt(), "an integer >= 0"),
        Arguments.of(ValueType.oneOfIntegers(0, 90, 180, 270), "one of [0, 90, 180, 270]"),
        Arguments.of(ValueType.real(0, true, 1, false), "a number in (0, 1]"),
        Arguments.of(ValueType.positiveReal(), "a number > 0"),
        Arguments.of(ValueType.probability(), "a number in [0, 1]"),
        Arguments.of(ValueType.oneOfNumbers(0.5, 1, 2), "one of [0.5, 1, 2]"),
        Arguments.of(ValueType.listOf(ValueType.string()), "a list of strings"),
        Arguments.of(ValueType.listOf(ValueType.oneOf("a", "b")), "a list of values from [a, b]"),
        Arguments.of(ValueType.listOf(ValueType.bool()), "a list of booleans (true or false)"),
        Arguments.of(ValueType.listOf(ValueType.integer(0, 270)), "a list of integers in [0, 270]"),
        Arguments.of(ValueType.listOf(ValueType.positiveInt()), "a list of integers >= 1"),
        Arguments.of(ValueType.listOf(ValueType.oneOfIntegers(0, 90, 180, 270)), "a list of integers from [0, 90, 180, 270]"),
        Arguments.of(ValueType.listOf(ValueType.positiveReal()), "a list of numbers > 0"),
        Arguments.of(ValueType.listOf(ValueType.probability()), "a list of numbers in [0, 1]"),
        Arguments.of(ValueType.listOf(ValueType.oneOfNumbers(0.5, 1)), "a list of numbers from [0.5, 1]"),
        Arguments.of(ValueType.listOf(ValueType.listOf(ValueType.integer(1, 9))), "a list of lists of integers in [1, 9]"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("descriptions")
  void describesItselfInPlainEnglish(ValueType type, String expected) {
    assertEquals(expected, type.describe());
  }

  @Test
  void oneOfIntegersAcceptsTheAllowedValuesOnly() {
    ValueType rotation = ValueType.oneOfIntegers(0, 90, 180, 270);
    assertEquals(90L, rotation.coerce(90));
    assertEquals(180L, rotation.coerce("180"));
    assertEquals(270L, rotation.coerce(270.0));
    for (Object bad : new Object[] {45, "45", 90.5, "ninety", List.of(90)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rotation.coerce(bad));
      assertEquals("expected one of [0, 90, 180, 270]", e.getMessage());
    }
  }

  @Test
  void aListOfAllowedIntegersChecksEveryItem() {
    ValueType rotations = ValueType.listOf(ValueType.oneOfIntegers(0, 90, 180, 270));
    assertEquals(List.of(0L, 90L), rotations.coerce("0,90"));
    assertEquals(List.of(0L, 270L), rotations.coerce(List.of(0, 270)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rotations.coerce("0,45"));
    assertEquals("expected a list of integers from [0, 90, 180, 270]", e.getMessage());
  }

  @Test
  void oneOfNumbersComparesValuesNotSpellings() {
    ValueType scale = ValueType.oneOfNumbers(0.5, 1, 2);
    assertEquals(1.0, scale.coerce("1"));
    assertEquals(0.5, scale.coerce("0.50"));
    assertEquals(2.0, scale.coerce(2L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scale.coerce(1.5));
    assertEquals("expected one of [0.5, 1, 2]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> scale.coerce("NaN"));
  }

  @Test
  void anEmptySetOfChoicesIsRefused() {
    assertThrows(IllegalArgumentException.class, ValueType::oneOfIntegers);
    assertThrows(IllegalArgumentException.class, ValueType::oneOfNumbers);
  }

  @Test
  void aDefaultFromTheAllowedSetIsCanonical() {
    KeySpec spec = ConfigSchema.builder()
        .optional("rotations", ValueType.listOf(ValueType.oneOfIntegers(0, 90, 180, 270)), List.of(0, 90, 180, 270),
            "rotations shown, in degrees")
        .build().key("rotations").orElseThrow();
    assertEquals(List.of(0L, 90L, 180L, 270L), spec.canonicalDefault());
  }
}
