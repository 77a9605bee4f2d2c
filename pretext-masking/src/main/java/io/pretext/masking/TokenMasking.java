package io.pretext.masking;

import io.pretext.api.spi.Augmenter;
import io.pretext.api.text.SpecialTokens;
import java.util.random.RandomGenerator;

/**
 * BERT's token masking (Devlin et al. 2019) as an augmenter of token sequences: every ordinary
 * token (special tokens, [UNK] included, never) is selected independently with probability
 * {@code selectProbability}; a selected token becomes [MASK] with probability {@code maskShare},
 * a uniformly drawn ordinary token with probability {@code randomShare}, and stays as it is
 * otherwise. The selected positions get their original id as target. Every draw comes from the
 * generator handed in, so a seeded generator gives the same masking.
 *
 * @param selectProbability the share of tokens selected (BERT: 0.15)
 * @param maskShare the share of selected tokens replaced by [MASK] (BERT: 0.8)
 * @param randomShare the share of selected tokens replaced by a random token (BERT: 0.1)
 * @param vocabularySize random tokens are drawn from the ordinary ids [5, vocabularySize)
 */
public record TokenMasking(double selectProbability, double maskShare, double randomShare, int vocabularySize)
    implements Augmenter<TokenSequence> {

  public TokenMasking {
    if (!(selectProbability > 0 && selectProbability <= 1)) {
      throw new IllegalArgumentException("mask probability must be in (0, 1], got " + selectProbability);
    }
    if (!(maskShare >= 0 && randomShare >= 0 && maskShare + randomShare <= 1)) {
      throw new IllegalArgumentException("the [MASK] share (" + maskShare + ") and the random-token share ("
          + randomShare + ") must be >= 0 and add up to at most 1");
    }
    if (vocabularySize <= SpecialTokens.COUNT) {
      throw new IllegalArgumentException("the vocabulary needs ordinary tokens besides the special ones, size "
          + vocabularySize);
    }
  }

  @Override
  public Class<TokenSequence> sampleType() {
    return TokenSequence.class;
  }

  /** Selects and replaces; returns a new sequence, the given one unchanged. */
  @Override
  public TokenSequence apply(TokenSequence sample, RandomGenerator random) {
    int[] ids = sample.ids().clone();
    int[] targets = sample.targets().clone();
    for (int i = 0; i < ids.length; i++) {
      if (SpecialTokens.isSpecial(ids[i]) || random.nextDouble() >= selectProbability) {
        continue;
      }
      targets[i] = ids[i];
      double r = random.nextDouble();
      if (r < maskShare) {
        ids[i] = SpecialTokens.MASK;
      } else if (r < maskShare + randomShare) {
        ids[i] = SpecialTokens.COUNT + random.nextInt(vocabularySize - SpecialTokens.COUNT);
      }
    }
    return new TokenSequence(ids, targets);
  }
}
