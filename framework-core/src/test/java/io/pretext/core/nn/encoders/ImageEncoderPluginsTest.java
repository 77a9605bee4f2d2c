package io.pretext.core.nn.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.Encoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageEncoderPluginsTest {

  private static PluginRegistry discovered() {
    return PluginLoader.discover(ImageEncoderPluginsTest.class.getClassLoader())
        .createRegistry(RuntimeSettings.defaults(), MetricsSink.NONE);
  }

  @Test
  void encodersAreDiscoveredThroughTheServiceFile() {
    PluginRegistry registry = discovered();
    assertTrue(registry.names(PluginKind.ENCODER).containsAll(java.util.Set.of("resnet-mini", "resnet18")),
        registry.names(PluginKind.ENCODER).toString());
  }

  @Test
  void widthDefaultsFollowTheSchemaAndConfigPicksTheWidth() {
    PluginRegistry registry = discovered();
    assertEquals(16, defaultWidth(registry.factory(PluginKind.ENCODER, "resnet-mini", null)));
    assertEquals(64, defaultWidth(registry.factory(PluginKind.ENCODER, "resnet18", null)));

    Encoder mini = registry.create(PluginKind.ENCODER, Encoder.class,
        ConfigNode.of("encoder", Map.of("name", "resnet-mini", "width", 8L)));
    assertInstanceOf(ResNetMini.class, mini);
    assertEquals(32, mini.featureSize(new Shape(1, 28, 28)));
    Encoder r18 = registry.create(PluginKind.ENCODER, Encoder.class,
        ConfigNode.of("encoder", Map.of("name", "resnet18", "width", 16L)));
    assertEquals(128, r18.featureSize(new Shape(3, 32, 32)));
  }

  private static long defaultWidth(PluginFactory<?> factory) {
    return ((Number) factory.schema().key("width").orElseThrow().defaultValue()).longValue();
  }
}
