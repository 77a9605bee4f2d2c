package io.pretext.core.nn.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.KeySpec;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.Encoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextEncoderPluginsTest {

  @Test
  void transformerIsDiscoveredWithTheBenchmarkDefaults() {
    PluginRegistry registry = PluginLoader.discover(TextEncoderPluginsTest.class.getClassLoader())
        .createRegistry(RuntimeSettings.defaults(), MetricsSink.NONE);
    Map<String, Object> config = new java.util.HashMap<>();
    for (KeySpec key : registry.factory(PluginKind.ENCODER, "transformer", null).schema().keys()) {
      config.put(key.name(), key.defaultValue());
    }
    assertEquals(Map.of("vocabulary-size", 8005L, "max-length", 48L, "dimension", 128L, "layers", 2L, "heads", 4L,
        "feed-forward", 512L, "dropout", 0.1), config);
    config.put("name", "transformer");
    config.put("dimension", 64L);
    Encoder encoder = registry.create(PluginKind.ENCODER, Encoder.class, ConfigNode.of("encoder", config));
    TextTransformer text = assertInstanceOf(TextTransformer.class, encoder);
    assertEquals(new TextTransformer(8005, 48, 64, 2, 4, 512, 0.1f), text);
    assertEquals(64, text.featureSize(new Shape(48)));
  }
}
