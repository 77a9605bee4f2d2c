package io.pretext.core.data;

import io.pretext.api.data.Splits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits running English text into sentences by rule. A boundary is a run of {@code . ! ?}, then
 * any closing quotes or brackets, then whitespace, before a sentence that starts (after any opening
 * quote or bracket) with an upper-case ASCII letter or a digit. A single full stop is not a
 * boundary after an initial ("John F. Kennedy"), a dotted initialism ("U.S.") or a common
 * abbreviation ("Mr.", "Gen.", "Jan."). Sentences with fewer than {@code minWords} words (runs of
 * letters or digits), such as "(Applause.)", are dropped. The rules follow the benchmark's PyTorch
 * peer (PROTOCOL-peer.md, section 1.2).
 */
public final class SentenceSplitter {
  private static final Pattern BOUNDARY = Pattern.compile("([.!?]+)([\"')\\]\u201D\u2019]*)\\s+(?=[\"'(\\[\u201C\u2018]*[A-Z0-9])");
  private static final Pattern LAST_WORD = Pattern.compile("([A-Za-z.]+)$");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "messrs", "dr", "st", "mt", "ft", "gen",
      "gov", "sen", "rep", "hon", "jr", "sr", "lt", "col", "capt", "maj", "adm", "no", "nos", "co", "corp", "inc", "ltd",
      "vs", "viz", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art", "sec",
      "vol", "pp");
  private final int minWords;

  /** @param minWords sentences with fewer words are dropped, >= 0 */
  public SentenceSplitter(int minWords) {
    if (minWords < 0) {
      throw new IllegalArgumentException("min words must be >= 0, got " + minWords);
    }
    this.minWords = minWords;
  }

  /** The sentences of the text, trimmed, in order. */
  public List<String> split(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(text);
    int start = 0;
    while (m.find()) {
      if (m.group(1).equals(".") && protectedStop(text.substring(start, m.start()))) {
        continue;
      }
      add(text.substring(start, m.start(2) + m.group(2).length()), out);
      start = m.end();
    }
    add(text.substring(start), out);
    return out;
  }

  private static boolean protectedStop(String before) {
    Matcher w = LAST_WORD.matcher(before);
    if (!w.find()) {
      return false;
    }
    String word = w.group(1).toLowerCase(Locale.ROOT);
    if (word.startsWith(".")) {
      word = word.replaceFirst("^\\.+", "");
    }
    return word.length() == 1 || word.contains(".") || ABBREVIATIONS.contains(word);
  }

  private void add(String sentence, List<String> out) {
    String s = sentence.strip();
    if (!s.isEmpty() && words(s) >= minWords) {
      out.add(s);
    }
  }

  private static int words(String s) {
    Matcher m = WORD.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
