package io.pretext.masking;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.text.SpecialTokens;
import io.pretext.api.text.TokenizerSettings;

/**
 * The {@code mlm} pretext task: {@code {name: mlm, vocabulary-size: 8005, min-pair-count: 2,
 * lowercase: true, split-punctuation: true, max-length: 48, mask-probability: 0.15,
 * mask-token-share: 0.8, random-token-share: 0.1, tie-weights: true}}.
 */
public final class MaskedLanguageModelTaskFactory implements PluginFactory<PretextTask> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("vocabulary-size", ValueType.integer(SpecialTokens.COUNT + 1, 1_000_000), 8005,
          "WordPiece vocabulary learned from the pretraining texts, the 5 special tokens included")
      .optional("min-pair-count", ValueType.integer(1, 1_000_000), 2, "least count of a pair of pieces to be merged")
      .optional("lowercase", ValueType.bool(), true, "lower-case the text")
      .optional("split-punctuation", ValueType.bool(), true, "make every punctuation character a word of its own")
      .optional("max-length", ValueType.integer(3, 4096), 48, "longest sequence in tokens, [CLS] and [SEP] included")
      .optional("mask-probability", ValueType.real(0, true, 1, false), 0.15, "share of ordinary tokens selected")
      .optional("mask-token-share", ValueType.probability(), 0.8, "share of selected tokens replaced by [MASK]")
      .optional("random-token-share", ValueType.probability(), 0.1, "share of selected tokens replaced by a random token")
      .optional("tie-weights", ValueType.bool(), true, "the default head shares the encoder's token table")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Masked language modelling: predict hidden tokens of a sentence from the rest (Devlin et al. 2019)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    TokenizerSettings tokenizer = new TokenizerSettings(config.getInt("vocabulary-size", 8005),
        config.getInt("min-pair-count", 2), config.getBoolean("lowercase", true),
        config.getBoolean("split-punctuation", true), config.getInt("max-length", 48));
    double mask = config.getDouble("mask-token-share", 0.8);
    double random = config.getDouble("random-token-share", 0.1);
    // validated here, before any data is read
    new TokenMasking(config.getDouble("mask-probability", 0.15), mask, random, SpecialTokens.COUNT + 1);
    return new MaskedLanguageModelTask(tokenizer, config.getDouble("mask-probability", 0.15), mask, random,
        config.getBoolean("tie-weights", true), null);
  }
}
