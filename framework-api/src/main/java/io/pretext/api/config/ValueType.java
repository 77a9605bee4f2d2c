package io.pretext.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The type of one configuration value, with its allowed range.
 *
 * <p>{@link #coerce} turns what YAML or a {@code --set} override gave (a string, a number, a
 * list) into the canonical Java value ({@code String}, {@code Long}, {@code Double}, {@code
 * Boolean}, {@code List}) or throws {@link IllegalArgumentException} with the expected type or
 * range, which the validator reports with the key and the value given.
 */
public sealed interface ValueType {

  /** Converts a raw value; throws IllegalArgumentException saying what was expected. */
  Object coerce(Object raw);

  /** How the type reads in an error message, e.g. "an integer in [1, 4096]". */
  String describe();

  /** How several values of the type read, after "a list of": e.g. "integers in [1, 4096]". */
  String describeMany();

  static ValueType string() {
    return new Text(List.of());
  }

  /** One of the given words (case-sensitive). */
  static ValueType oneOf(String... allowed) {
    return new Text(List.of(allowed));
  }

  /** One of the given whole numbers, e.g. {@code oneOfIntegers(0, 90, 180, 270)} for rotations in degrees. */
  static ValueType oneOfIntegers(long... allowed) {
    return new IntChoice(Arrays.stream(allowed).boxed().toList());
  }

  /** One of the given real numbers, e.g. {@code oneOfNumbers(0.5, 1, 2)}. */
  static ValueType oneOfNumbers(double... allowed) {
    return new RealChoice(Arrays.stream(allowed).boxed().toList());
  }

  static ValueType bool() {
    return new Bool();
  }

  static ValueType integer(long min, long max) {
    return new Int(min, max);
  }

  static ValueType positiveInt() {
    return new Int(1, Integer.MAX_VALUE);
  }

  static ValueType nonNegativeInt() {
    return new Int(0, Integer.MAX_VALUE);
  }

  /** A real number in a range; each bound may be open (excluded) or closed. */
  static ValueType real(double min, boolean minOpen, double max, boolean maxOpen) {
    return new Real(min, minOpen, max, maxOpen);
  }

  static ValueType positiveReal() {
    return new Real(0, true, Double.MAX_VALUE, false);
  }

  static ValueType probability() {
    return new Real(0, false, 1, false);
  }

  static ValueType listOf(ValueType element) {
    return new ListOf(element);
  }

  /** A word from a fixed set. */
  record Text(List<String> allowed) implements ValueType {
    @Override
    public Object coerce(Object raw) {
      if (raw instanceof Map || raw instanceof List) {
        throw new IllegalArgumentException("expected " + describe());
      }
      String s = String.valueOf(raw);
      if (!allowed.isEmpty() && !allowed.contains(s)) {
        throw new IllegalArgumentException("expected " + describe());
      }
      return s;
    }

    @Override
    public String describe() {
      return allowed.isEmpty() ? "a string" : "one of " + allowed;
    }

    @Override
    public String describeMany() {
      return allowed.isEmpty() ? "strings" : "values from " + allowed;
    }
  }

  /** true or false. */
  record Bool() implements ValueType {
    @Override
    public Object coerce(Object raw) {
      if (raw instanceof Boolean b) {
        return b;
      }
      if (raw instanceof String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
          return Boolean.valueOf(t);
        }
      }
      throw new IllegalArgumentException("expected " + describe());
    }

    @Override
    public String describe() {
      return "a boolean (true or false)";
    }

    @Override
    public String describeMany() {
      return "booleans (true or false)";
    }
  }

  /** A whole number in [min, max]. */
  record Int(long min, long max) implements ValueType {
    @Override
    public Object coerce(Object raw) {
      long v;
      if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
        v = ((Number) raw).longValue();
      } else if (raw instanceof String s) {
        try {
          v = Long.parseLong(s.trim().replace("_", ""));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected " + describe());
        }
      } else if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        v = n.longValue();
      } else {
        throw new IllegalArgumentException("expected " + describe());
      }
      if (v < min || v > max) {
        throw new IllegalArgumentException("expected " + describe());
      }
      return v;
    }

    @Override
    public String describe() {
      return "an integer " + range();
    }

    @Override
    public String describeMany() {
      return "integers " + range();
    }

    private String range() {
      return max >= Integer.MAX_VALUE ? ">= " + min : "in [" + min + ", " + max + "]";
    }
  }

  /** A whole number from a fixed set. */
  record IntChoice(List<Long> allowed) implements ValueType {
    private static final Int ANY = new Int(Long.MIN_VALUE, Long.MAX_VALUE);

    public IntChoice {
      allowed = List.copyOf(allowed);
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException("oneOfIntegers needs at least one allowed value");
      }
    }

    @Override
    public Object coerce(Object raw) {
      Object v;
      try {
        v = ANY.coerce(raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected " + describe());
      }
      if (!allowed.contains(v)) {
        throw new IllegalArgumentException("expected " + describe());
      }
      return v;
    }

    @Override
    public String describe() {
      return "one of " + allowed;
    }

    @Override
    public String describeMany() {
      return "integers from " + allowed;
    }
  }

  /** A finite real number in a range with open or closed ends. */
  record Real(double min, boolean minOpen, double max, boolean maxOpen) implements ValueType {
    @Override
    public Object coerce(Object raw) {
      double v;
      if (raw instanceof Number n) {
        v = n.doubleValue();
      } else if (raw instanceof String s) {
        try {
          v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected " + describe());
        }
      } else {
        throw new IllegalArgumentException("expected " + describe());
      }
      boolean below = minOpen ? v <= min : v < min;
      boolean above = maxOpen ? v >= max : v > max;
      if (!Double.isFinite(v) || below || above) {
        throw new IllegalArgumentException("expected " + describe());
      }
      return v;
    }

    @Override
    public String describe() {
      return "a number " + range();
    }

    @Override
    public String describeMany() {
      return "numbers " + range();
    }

    private String range() {
      if (max >= Double.MAX_VALUE) {
        return (minOpen ? "> " : ">= ") + fmt(min);
      }
      return "in " + (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxOpen ? ")" : "]");
    }

    static String fmt(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }

  /** A finite real number from a fixed set. */
  record RealChoice(List<Double> allowed) implements ValueType {
    private static final Real ANY = new Real(-Double.MAX_VALUE, false, Double.MAX_VALUE, false);

    public RealChoice {
      allowed = List.copyOf(allowed);
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException("oneOfNumbers needs at least one allowed value");
      }
    }

    @Override
    public Object coerce(Object raw) {
      double v;
      try {
        v = (Double) ANY.coerce(raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected " + describe());
      }
      if (allowed.stream().noneMatch(a -> a == v)) {
        throw new IllegalArgumentException("expected " + describe());
      }
      return v;
    }

    @Override
    public String describe() {
      return "one of " + shown();
    }

    @Override
    public String describeMany() {
      return "numbers from " + shown();
    }

    private String shown() {
      return allowed.stream().map(Real::fmt).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** A list whose elements all have one type; a single value or a comma-separated string is accepted as a list. */
  record ListOf(ValueType element) implements ValueType {
    @Override
    public Object coerce(Object raw) {
      List<?> items;
      if (raw instanceof List<?> l) {
        items = l;
      } else if (raw instanceof String s) {
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
          t = t.substring(1, t.length() - 1);
        }
        items = t.isEmpty() ? List.of() : List.of(t.split("\\s*,\\s*"));
      } else {
        items = List.of(raw);
      }
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        try {
          out.add(element.coerce(item));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("expected " + describe());
        }
      }
      return List.copyOf(out);
    }

    @Override
    public String describe() {
      return "a list of " + element.describeMany();
    }

    @Override
    public String describeMany() {
      return "lists of " + element.describeMany();
    }
  }
}
