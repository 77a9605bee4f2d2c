package io.pretext.downstream;

/** The share of predictions equal to the labels. */
final class Accuracy {
  private Accuracy() {}

  static double of(int[] predicted, int[] labels) {
    if (predicted.length != labels.length) {
      throw new IllegalArgumentException(predicted.length + " predictions for " + labels.length + " labels");
    }
    if (labels.length == 0) {
      return 0;
    }
    int hits = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        hits++;
      }
    }
    return (double) hits / labels.length;
  }
}
