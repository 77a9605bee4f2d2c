package io.pretext.core.data;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/** Turns the class values found in a data file into sorted class names (their indices are the labels). */
public final class ClassNames {
  private ClassNames() {}

  /** The distinct values, sorted numerically when all are integers, else alphabetically. */
  public static List<String> sorted(List<String> values) {
    List<String> distinct = values.stream().distinct().toList();
    boolean numeric = distinct.stream().allMatch(s -> s.matches("-?\\d+"));
    Comparator<String> order = numeric ? Comparator.comparing(BigInteger::new) : Comparator.naturalOrder();
    return distinct.stream().sorted(order).toList();
  }
}
