/**
 * Masked tokens on text (task {@code mlm}): a WordPiece {@link io.pretext.masking.Tokenizer}
 * learned from the pretraining corpus, BERT's {@link io.pretext.masking.TokenMasking}, the
 * {@link io.pretext.masking.MaskedLanguageModel} (text encoder + token head) trained with
 * {@link io.pretext.masking.MaskedTokenLoss} on the selected positions only, and
 * {@link io.pretext.masking.FillMask}, which puts hidden words back.
 */
package io.pretext.masking;
