package io.pretext.downstream;

import io.pretext.api.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binary bag-of-words features of text samples: the vocabulary is every word of the labeled
 * subset (lower-cased; words are runs of letters or digits, and each other non-space character),
 * sorted; a text's row has 1 for each vocabulary word it contains. The classic baseline that
 * pretrained text features must clear.
 */
final class BagOfWords {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
  private final Map<String, Integer> vocabulary;

  private BagOfWords(Map<String, Integer> vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** The vocabulary of the dataset's texts. */
  static BagOfWords fit(Dataset<?> labeled) {
    TreeSet<String> words = new TreeSet<>();
    for (int i = 0; i < labeled.size(); i++) {
      words.addAll(words(text(labeled, i)));
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String w : words) {
      index.put(w, index.size());
    }
    return new BagOfWords(index);
  }

  int size() {
    return vocabulary.size();
  }

  /** One binary row per text, with the dataset's labels. */
  FeatureMatrix features(Dataset<?> data) {
    int cols = Math.max(1, vocabulary.size());
    float[] values = new float[Math.multiplyExact(data.size(), cols)];
    for (int i = 0; i < data.size(); i++) {
      for (String w : words(text(data, i))) {
        Integer j = vocabulary.get(w);
        if (j != null) {
          values[i * cols + j] = 1;
        }
      }
    }
    return new FeatureMatrix(values, data.size(), cols, Preprocessed.labels(data), data.classNames().size());
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String text(Dataset<?> data, int index) {
    if (data.get(index) instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException("bag-of-words needs text samples, but sample " + index + " is a "
        + data.get(index).getClass().getSimpleName() + "; use it with text data such as sentiment");
  }
}
