package io.pretext.core.plugin;

import io.pretext.api.nn.layers.Relu;
import io.pretext.api.onnx.LayerExporter;
import io.pretext.api.onnx.LayerExporters;
import io.pretext.api.plugin.DuplicateLayerExporterException;
import io.pretext.api.plugin.DuplicatePluginException;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;
import io.pretext.api.plugin.PluginRegistration;
import io.pretext.api.plugin.UnknownPluginException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import com.google.inject.Inject;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginLoaderTest {

  /** An encoder whose factory records the services it was injected with. */
  public static final class WidthEncoderFactory implements PluginFactory<Encoder> {
    final SeedSource seeds;
    final RuntimeSettings settings;
    final io.pretext.core.engine.EngineSetup engine;
    final io.pretext.api.runtime.ComputeEngine computeEngine;
    final MetricsSink metrics;

    @Inject
    public WidthEncoderFactory(SeedSource seeds, RuntimeSettings settings, io.pretext.core.engine.EngineSetup engine,
        io.pretext.api.runtime.ComputeEngine computeEngine, MetricsSink metrics) {
      this.computeEngine = computeEngine;
      this.seeds = seeds;
      this.settings = settings;
      this.engine = engine;
      this.metrics = metrics;
    }

    @Override
    public ConfigSchema schema() {
      return ConfigSchema.builder().optional("width", ValueType.positiveInt(), 8, "features").build();
    }

    @Override
    public String description() {
      return "a linear map to width features";
    }

    @Override
    public Encoder create(ConfigNode config) {
      int width = config.getInt("width");
      return new Encoder() {
        @Override
        public Block build(Shape inputShape) {
          return Linear.builder().setUnits(width).build();
        }

        @Override
        public long featureSize(Shape inputShape) {
          return width;
        }
      };
    }
  }

  /** A head factory registered under a name that another module also uses. */
  public static final class OtherFactory implements PluginFactory<Head> {
    @Override
    public ConfigSchema schema() {
      return ConfigSchema.empty();
    }

    @Override
    public String description() {
      return "another";
    }

    @Override
    public Head create(ConfigNode config) {
      return (in, out) -> Linear.builder().setUnits(out).build();
    }
  }

  public static final class ModuleA extends PluginModule {
    @Override
    protected void declare(PluginRegistrar plugins) {
      plugins.encoder("width", WidthEncoderFactory.class);
      plugins.head("linear-test", OtherFactory.class);
    }
  }

  public static final class ModuleB extends PluginModule {
    @Override
    protected void declare(PluginRegistrar plugins) {
      plugins.head("linear-test", OtherFactory.class);
    }
  }

  public static final class BadNameModule extends PluginModule {
    @Override
    protected void declare(PluginRegistrar plugins) {
      plugins.head("Bad Name", OtherFactory.class);
    }
  }

  /** Writes Relu; the tests only check where it ends up. */
  static final LayerExporter<Relu> RELU_WRITER = (block, inputs, scope) -> List.of(inputs.get(0).name());

  public static final class WriterModuleA extends PluginModule {
    @Override
    protected void declare(PluginRegistrar plugins) {
      plugins.encoder("width", WidthEncoderFactory.class);
      plugins.layerExporter(Relu.class, RELU_WRITER);
    }
  }

  public static final class WriterModuleB extends PluginModule {
    @Override
    protected void declare(PluginRegistrar plugins) {
      plugins.layerExporter(Relu.class, (block, inputs, scope) -> List.of(inputs.get(0).name()));
    }
  }

  private static PluginRegistry registry(PluginModule... modules) {
    return new PluginLoader(List.of(modules)).createRegistry(new RuntimeSettings(42, 1, "cpu",
        RuntimeSettings.defaultDataCache()), MetricsSink.NONE);
  }

  @Test
  void factoriesAreFoundByKindAndNameWithInjectedServices() {
    PluginRegistry registry = registry(new ModuleA());
    assertEquals(List.of("width"), List.copyOf(registry.names(PluginKind.ENCODER)));
    WidthEncoderFactory f = (WidthEncoderFactory) registry.factory(PluginKind.ENCODER, "width", null);
    assertEquals(42, f.seeds.seed());
    assertEquals(1, f.settings.threads());
    assertEquals(1, f.engine.threads());
    assertSame(f.engine, f.computeEngine, "a plugin asking for the contract's ComputeEngine gets the run's one engine");
    assertSame(MetricsSink.NONE, f.metrics);
    Encoder e = registry.create(PluginKind.ENCODER, Encoder.class, ConfigNode.of("encoder", Map.of("name", "width", "width", 5L)));
    assertEquals(5, e.featureSize(new Shape(3)));
  }

  @Test
  void theRunHasOneEngineThatEveryoneIsGiven() {
    PluginRegistry registry = registry(new ModuleA());
    WidthEncoderFactory f = (WidthEncoderFactory) registry.factory(PluginKind.ENCODER, "width", null);
    WidthEncoderFactory g = (WidthEncoderFactory) registry.factory(PluginKind.ENCODER, "width", null);
    assertSame(registry.engine(), f.engine, "factories get the registry's engine");
    assertSame(f.engine, g.engine);
  }

  @Test
  void duplicateNamesNameBothOrigins() {
    DuplicatePluginException e = assertThrows(DuplicatePluginException.class,
        () -> new PluginLoader(List.of(new ModuleA(), new ModuleB())));
    assertTrue(e.getMessage().contains("head name 'linear-test'"), e.getMessage());
    assertTrue(e.getMessage().contains(ModuleA.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(ModuleB.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("target/test-classes"), e.getMessage());
  }

  @Test
  void unknownNameListsKnownNamesAndClosestMatch() {
    PluginRegistry registry = registry(new ModuleA());
    UnknownPluginException e = assertThrows(UnknownPluginException.class,
        () -> registry.factory(PluginKind.ENCODER, "widht", "encoder.name"));
    assertEquals(List.of("width"), e.known());
    assertTrue(e.getMessage().contains("No encoder plugin named 'widht' at encoder.name (did you mean 'width'?)"), e.getMessage());
    assertTrue(e.getMessage().contains("known: width"), e.getMessage());
  }

  @Test
  void unknownNameOfAnEmptyKindSaysNoneIsInstalled() {
    PluginRegistry registry = registry(new ModuleA());
    UnknownPluginException e = assertThrows(UnknownPluginException.class,
        () -> registry.factory(PluginKind.PRETEXT_TASK, "simclr", null));
    assertTrue(e.getMessage().contains("none is installed"), e.getMessage());
  }

  @Test
  void badNamesAreRefusedAtDiscovery() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PluginLoader(List.of(new BadNameModule())));
    assertTrue(e.getMessage().contains("'Bad Name'"), e.getMessage());
  }

  @Test
  void schemasComeFromTheFactories() {
    PluginRegistry registry = registry(new ModuleA());
    assertEquals(List.of("width"), registry.schema(PluginKind.ENCODER.id(), "width").orElseThrow().names());
    assertTrue(registry.schema(PluginKind.ENCODER.id(), "nope").isEmpty());
  }

  @Test
  void registrationsKeepTheirModule() {
    PluginLoader loader = new PluginLoader(List.of(new ModuleA()));
    PluginRegistration r = loader.registrations().get(0);
    assertSame(ModuleA.class, r.moduleClass());
    assertTrue(r.origin().contains(ModuleA.class.getName()));
  }

  @Test
  void layerWritersAreCollectedBesideTheFactories() {
    PluginLoader loader = new PluginLoader(List.of(new WriterModuleA()));
    assertEquals(List.of("width"), loader.registrations().stream().map(PluginRegistration::name).toList());
    assertSame(WriterModuleA.class, new WriterModuleA().layerExporters().get(0).moduleClass());
    LayerExporters writers = loader.layerExporters();
    assertEquals(java.util.Set.of(Relu.class), writers.classes());
    assertTrue(writers.supports(new Relu()));
    PluginRegistry registry = loader.createRegistry(new RuntimeSettings(42, 1, "cpu",
        RuntimeSettings.defaultDataCache()), MetricsSink.NONE);
    assertSame(writers, registry.layerExporters());
    assertTrue(new PluginLoader(List.of(new ModuleA())).layerExporters().classes().isEmpty());
  }

  @Test
  void twoWritersForOneLayerNameBothOrigins() {
    DuplicateLayerExporterException e = assertThrows(DuplicateLayerExporterException.class,
        () -> new PluginLoader(List.of(new WriterModuleA(), new WriterModuleB())));
    assertTrue(e.getMessage().contains("ONNX writer for the layer " + Relu.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(WriterModuleA.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(WriterModuleB.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("target/test-classes"), e.getMessage());
  }

  @Test
  void theBuiltInWritersCannotBeRegisteredTwice() {
    assertThrows(DuplicateLayerExporterException.class, () -> new PluginLoader(List.of(
        new io.pretext.core.onnx.LayerExporterPlugins(), new io.pretext.core.onnx.LayerExporterPlugins())));
  }
}
