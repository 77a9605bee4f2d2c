package io.pretext.api.text;

/**
 * How a {@link Tokenizer} is trained and applies itself.
 *
 * @param vocabularySize the vocabulary's size, special tokens included (> 5)
 * @param minPairCount the least count of a pair of pieces to be merged during training (>= 1)
 * @param lowercase whether text is lower-cased
 * @param splitPunctuation whether punctuation characters are words of their own
 * @param maxLength the longest encoded sequence, [CLS] and [SEP] included (>= 2)
 */
public record TokenizerSettings(int vocabularySize, int minPairCount, boolean lowercase, boolean splitPunctuation,
    int maxLength) {

  public TokenizerSettings {
    if (vocabularySize <= SpecialTokens.COUNT) {
      throw new IllegalArgumentException("tokenizer vocabulary size must exceed the " + SpecialTokens.COUNT
          + " special tokens, got " + vocabularySize);
    }
    if (minPairCount < 1) {
      throw new IllegalArgumentException("tokenizer min pair count must be >= 1, got " + minPairCount);
    }
    if (maxLength < 2) {
      throw new IllegalArgumentException("tokenizer max length must be >= 2 ([CLS] and [SEP]), got " + maxLength);
    }
  }

  /** The normaliser these settings describe. */
  public TextNormalizer normalizer() {
    return new TextNormalizer(lowercase, splitPunctuation);
  }
}
