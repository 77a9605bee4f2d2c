package io.pretext.api.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words before sub-word tokenization: typographic quotes become ASCII quotes,
 * dashes become {@code " - "}, no-break spaces become spaces; then optional lower-casing (root
 * locale) and whitespace splitting; with punctuation splitting, every character that is neither a
 * letter nor a digit is a word of its own ({@code "don't"} gives {@code don ' t}). Special tokens
 * written literally ({@code [MASK]}, {@code [UNK]}...) are kept whole and never lower-cased.
 *
 * @param lowercase whether to lower-case the text
 * @param splitPunctuation whether punctuation characters are words of their own
 */
public record TextNormalizer(boolean lowercase, boolean splitPunctuation) {
  private static final Pattern SPECIAL = Pattern.compile("\\[(PAD|UNK|CLS|SEP|MASK)]");

  /** The words of the text, special tokens included as written. */
  public List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = SPECIAL.matcher(text);
    int from = 0;
    while (m.find()) {
      plainWords(text.substring(from, m.start()), out);
      out.add(m.group());
      from = m.end();
    }
    plainWords(text.substring(from), out);
    return out;
  }

  private void plainWords(String text, List<String> out) {
    String s = text.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
        .replace("\u2014", " - ").replace("\u2013", " - ").replace('\u00A0', ' ');
    if (lowercase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        flush(word, out);
      } else if (splitPunctuation && !Character.isLetterOrDigit(cp)) {
        flush(word, out);
        out.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    }
    flush(word, out);
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      out.add(word.toString());
      word.setLength(0);
    }
  }
}
