package io.pretext.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.core.engine.EngineSetup;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelPluginsTest {
  private static final RuntimeSettings SETTINGS = new RuntimeSettings(1, 1, "cpu", Path.of("unused"));
  private static PluginRegistry registry;

  @BeforeAll
  static void discover() {
    new EngineSetup(SETTINGS).start();
    registry = PluginLoader.discover().createRegistry(SETTINGS, MetricsSink.NONE);
  }

  @Test
  void builtInAndTestPluginsAreDiscovered() {
    assertTrue(registry.names(PluginKind.ENCODER).contains("mlp"));
    assertEquals(List.of("linear", "mlp"), List.copyOf(registry.names(PluginKind.HEAD)));
    assertTrue(registry.names(PluginKind.PRETEXT_TASK).contains("rotation"), "test-only plugin found via services");
  }

  @Test
  void mlpEncoderAndHeadsHaveTheConfiguredShapes() {
    Encoder encoder = registry.create(PluginKind.ENCODER, Encoder.class,
        ConfigNode.of("encoder", Map.of("name", "mlp", "hidden", List.of(8L, 6L), "features", 5L)));
    Shape input = new Shape(1, 4, 4);
    assertEquals(5, encoder.featureSize(input));
    Head mlp = registry.create(PluginKind.HEAD, Head.class,
        ConfigNode.of("head", Map.of("name", "mlp", "hidden", List.of(7L), "outputs", 0L)));
    Head linear = registry.create(PluginKind.HEAD, Head.class, ConfigNode.of("head", Map.of("name", "linear", "outputs", 3L)));
    try (NDManager manager = NDManager.newBaseManager()) {
      assertEquals(new Shape(2, 5), forward(encoder.build(input), manager, new Shape(2, 1, 4, 4)));
      assertEquals(new Shape(2, 4), forward(mlp.build(5, 4), manager, new Shape(2, 5)));
      assertEquals(new Shape(2, 3), forward(linear.build(5, 0), manager, new Shape(2, 5)));
    }
    ConfigException e = assertThrows(ConfigException.class, () -> mlp.build(5, 0));
    assertTrue(e.getMessage().contains("head.outputs"), e.getMessage());
  }

  private static Shape forward(Block block, NDManager manager, Shape shape) {
    block.initialize(manager, DataType.FLOAT32, shape);
    NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(shape)), false);
    return out.singletonOrThrow().getShape();
  }
}
