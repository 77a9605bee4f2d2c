/**
 * Masked tokens on text (task {@code mlm}): a WordPiece {@link io.pretext.api.text.Tokenizer}
 * (the contract's text helper) learned from the pretraining corpus, BERT's
 * {@link io.pretext.masking.TokenMasking}, the {@link io.pretext.masking.MaskedLanguageModel}
 * (text encoder + token head) trained with {@link io.pretext.masking.MaskedTokenLoss} on the
 * selected positions only, {@link io.pretext.masking.FillMask}, which puts hidden words back, and
 * {@link io.pretext.masking.MaskedTokenEvaluation}; the task offers the last two to the runner as
 * a {@link io.pretext.api.spi.MaskedTokenPredictor}.
 */
package io.pretext.masking;
