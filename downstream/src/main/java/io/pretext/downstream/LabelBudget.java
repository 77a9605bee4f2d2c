package io.pretext.downstream;

import io.pretext.api.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many labels one column of the results table gets: a total count split equally over the
 * classes (e.g. 100, 600, 6000 on Fashion-MNIST as in the SimCLR reference), or a fraction of each
 * class (stratified).
 *
 * @param count the total number of labels, or 0 for a fraction budget
 * @param fraction the fraction of each class in (0, 1], or 0 for a count budget
 */
public record LabelBudget(int count, double fraction) {

  public LabelBudget {
    if ((count > 0) == (fraction > 0) || count < 0 || fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("a label budget is a count >= 1 or a fraction in (0, 1], got count " + count
          + ", fraction " + fraction);
    }
  }

  public static LabelBudget ofCount(int count) {
    return new LabelBudget(count, 0);
  }

  public static LabelBudget ofFraction(double fraction) {
    return new LabelBudget(0, fraction);
  }

  public boolean isFraction() {
    return fraction > 0;
  }

  /** The column name: {@code 600} or {@code 1%}. */
  public String name() {
    if (!isFraction()) {
      return Integer.toString(count);
    }
    double percent = fraction * 100;
    return (percent == Math.rint(percent) ? Long.toString((long) percent)
        : String.format(Locale.ROOT, "%s", stripZeros(percent))) + "%";
  }

  /** The budgets of a {@code downstream} section: {@code fractions} when given, else {@code labels}. */
  public static List<LabelBudget> fromConfig(ConfigNode downstream) {
    List<LabelBudget> out = new ArrayList<>();
    if (downstream.has("fractions")) {
      for (double f : downstream.getDoubleList("fractions")) {
        out.add(ofFraction(f));
      }
    } else if (downstream.has("labels")) {
      for (long n : downstream.getLongList("labels")) {
        out.add(ofCount((int) n));
      }
    } else {
      for (int n : new int[] {100, 600, 6000}) {
        out.add(ofCount(n));
      }
    }
    return List.copyOf(out);
  }

  private static String stripZeros(double d) {
    String s = String.format(Locale.ROOT, "%.6f", d);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
