/**
 * Contract helper: text for any text task and for inference on text models. A WordPiece
 * {@link io.pretext.api.text.Tokenizer} (learned from a corpus, saved as {@code vocab.txt} and
 * {@code tokenizer.json}, fingerprinted for exported models), the
 * {@link io.pretext.api.text.TextNormalizer} it splits words with, the five
 * {@link io.pretext.api.text.SpecialTokens} at ids 0..4, and the
 * {@link io.pretext.api.text.TokenBatcher} that pads encoded texts into one (N, T) batch. Plain
 * Java over the SPI's {@code HostTensor}: no engine needed.
 */
package io.pretext.api.text;
