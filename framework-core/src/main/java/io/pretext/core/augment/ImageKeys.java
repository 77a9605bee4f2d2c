package io.pretext.core.augment;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import java.util.List;

/** Config keys shared by several image augmenters: output size and [min, max] ranges. */
final class ImageKeys {
  static final String SIZE = "size";
  static final String HEIGHT = "height";
  static final String WIDTH = "width";
  static final int MAX_SIDE = 16384;

  private ImageKeys() {}

  /** Adds {@code size}, {@code height} and {@code width}, none with a default. */
  static ConfigSchema.Builder sizeKeys(ConfigSchema.Builder b, String sizeMeaning) {
    ValueType side = ValueType.integer(1, MAX_SIDE);
    return b.optionalNoDefault(SIZE, side, sizeMeaning + " (instead of height and width)")
        .optionalNoDefault(HEIGHT, side, "output height in pixels (with width, instead of size)")
        .optionalNoDefault(WIDTH, side, "output width in pixels (with height, instead of size)");
  }

  /**
   * The size keys as {@code {size}} or {@code {height, width}}; {@code null} when none is given.
   *
   * @throws ConfigException when size is combined with height/width or only one of those is given
   */
  static int[] sizeOrNull(ConfigNode config) {
    boolean s = config.has(SIZE);
    boolean h = config.has(HEIGHT);
    boolean w = config.has(WIDTH);
    if (s && (h || w)) {
      throw ConfigException.at(config.pathOf(SIZE), "give either size or height and width, not both");
    }
    if (s) {
      return new int[] {config.getInt(SIZE)};
    }
    if (h != w) {
      String missing = h ? WIDTH : HEIGHT;
      throw ConfigException.at(config.pathOf(missing), "required with " + (h ? HEIGHT : WIDTH)
          + ": give both height and width, or size alone");
    }
    return h ? new int[] {config.getInt(HEIGHT), config.getInt(WIDTH)} : null;
  }

  /**
   * A range key as {@code [min, max]}; a single value {@code v} means {@code [v, v]} where allowed.
   *
   * @throws ConfigException naming the key when the list has the wrong length or min > max
   */
  static double[] range(ConfigNode config, String key, boolean singleAllowed) {
    List<Double> v = config.getDoubleList(key);
    if (singleAllowed && v.size() == 1) {
      return new double[] {v.get(0), v.get(0)};
    }
    if (v.size() != 2) {
      throw ConfigException.at(config.pathOf(key), "expected [min, max]" + (singleAllowed ? " or one value" : "")
          + ", got " + v.size() + " values " + v);
    }
    if (v.get(0) > v.get(1)) {
      throw ConfigException.at(config.pathOf(key), "min must not exceed max, got " + v);
    }
    return new double[] {v.get(0), v.get(1)};
  }

  /** Checks a [min, max] constructor argument. */
  static void checkRange(String what, double min, double max, double lo, boolean loOpen, double hi) {
    boolean bad = !(Double.isFinite(min) && Double.isFinite(max)) || min > max
        || (loOpen ? min <= lo : min < lo) || max > hi;
    if (bad) {
      throw new IllegalArgumentException(what + " must satisfy " + (loOpen ? lo + " < " : lo + " <= ") + "min <= max <= "
          + hi + ", got [" + min + ", " + max + "]");
    }
  }

  /** Checks a positive output side. */
  static int checkSide(String what, int side) {
    if (side < 1 || side > MAX_SIDE) {
      throw new IllegalArgumentException(what + " must be in [1, " + MAX_SIDE + "], got " + side);
    }
    return side;
  }
}
