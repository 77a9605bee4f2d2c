package io.pretext.core.nn.encoders;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Encoder;

/** The {@code transformer} encoder plugin: {@link TextTransformer} with configurable sizes. */
public final class TextTransformerFactory implements PluginFactory<Encoder> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("vocabulary-size", ValueType.integer(6, 1_000_000), 8005L,
          "rows of the token table (>= the tokenizer's vocabulary, special tokens included)")
      .optional("max-length", ValueType.integer(2, 4096), 48L, "the longest token sequence, [CLS] and [SEP] included")
      .optional("dimension", ValueType.integer(1, 4096), 128L, "model width D (features = D)")
      .optional("layers", ValueType.integer(1, 48), 2L, "Transformer layers")
      .optional("heads", ValueType.integer(1, 64), 4L, "attention heads per layer; must divide dimension")
      .optional("feed-forward", ValueType.integer(1, 65536), 512L, "hidden width of each feed-forward part")
      .optional("dropout", ValueType.real(0, false, 1, true), 0.1, "dropout rate in training")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Transformer text encoder: token + learned position embeddings, pre-LN layers (multi-head "
        + "self-attention with a padding mask, GELU feed-forward), mean pool over non-pad tokens";
  }

  @Override
  public Encoder create(ConfigNode config) {
    return new TextTransformer(config.getInt("vocabulary-size"), config.getInt("max-length"),
        config.getInt("dimension"), config.getInt("layers"), config.getInt("heads"),
        config.getInt("feed-forward"), (float) config.getDouble("dropout"));
  }
}
