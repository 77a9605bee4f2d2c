package io.pretext.core.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.KeySpec;
import io.pretext.core.config.PluginSchemas;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.api.plugin.PluginRegistration;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Augmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plugins as a user meets them: discovered, named in YAML, validated, created. */
class ImageAugmenterConfigTest {
  private static final List<String> NAMES = List.of("random-resized-crop", "horizontal-flip", "color-jitter",
      "random-grayscale", "gaussian-blur", "solarize", "normalize", "resize");
  private static PluginRegistry registry;
  private static RunConfigLoader loader;

  @BeforeAll
  static void discover() {
    registry = PluginLoader.discover().createRegistry(new RuntimeSettings(1, 1, "cpu", RuntimeSettings.defaultDataCache()),
        MetricsSink.NONE);
    PluginSchemas schemas = new PluginSchemas() {
      @Override
      public Optional<ConfigSchema> schema(String kind, String name) {
        return kind.equals(PluginKind.AUGMENTER.id()) ? registry.schema(kind, name) : Optional.of(ConfigSchema.empty());
      }

      @Override
      public Set<String> names(String kind) {
        return kind.equals(PluginKind.AUGMENTER.id()) ? registry.names(kind) : new TreeSet<>(Set.of("stub"));
      }
    };
    loader = new RunConfigLoader(schemas);
  }

  private static RunConfig load(String augment) {
    return loader.load("run.yaml", "data: stub\npretext: stub\nencoder: stub\naugment:\n" + augment, List.of());
  }

  private static AugmentPipeline pipeline(RunConfig config) {
    List<AugmentPipeline.Step> steps = new ArrayList<>();
    for (ConfigNode n : config.augment()) {
      steps.add(new AugmentPipeline.Step(n.getString("name"), registry.create(PluginKind.AUGMENTER, Augmenter.class, n),
          n.getDouble("p")));
    }
    return new AugmentPipeline(steps);
  }

  @Test
  void theModuleIsDiscoveredWithEveryAugmenter() {
    List<String> ours = new ArrayList<>();
    for (PluginRegistration r : PluginLoader.discover().registrations()) {
      if (r.moduleClass() == ImageAugmenterPlugins.class) {
        assertEquals(PluginKind.AUGMENTER, r.kind());
        ours.add(r.name());
      }
    }
    assertEquals(NAMES, ours);
    for (String name : NAMES) {
      var factory = registry.factory(PluginKind.AUGMENTER, name, null);
      assertTrue(!factory.description().isBlank());
      assertTrue(factory.schema().key("p").isEmpty(), name + ": p belongs to the pipeline");
      for (KeySpec k : factory.schema().keys()) {
        assertTrue(k.name().matches("[a-z]+(-[a-z]+)*"), name + "." + k.name());
      }
    }
  }

  @Test
  void theSimclrRecipeLoadsAndRuns() {
    RunConfig config = load("""
          - {name: random-resized-crop, size: 28, scale: [0.2, 1.0]}
          - {name: horizontal-flip, p: 0.5}
          - {name: color-jitter, brightness: 0.4, contrast: 0.4, p: 0.8}
          - {name: normalize, mean: 0.2860, std: 0.3530}
        """);
    assertEquals(List.of(0.75, 4.0 / 3.0), config.augment().get(0).getDoubleList("ratio"));
    assertEquals(0.0, config.augment().get(2).getDouble("saturation"));
    AugmentPipeline pipeline = pipeline(config);
    Image a = pipeline.apply(TestImages.random(1, 28, 28, 1), new SplittableRandom(5));
    Image b = pipeline.apply(TestImages.random(1, 28, 28, 1), new SplittableRandom(5));
    assertEquals(a, b);
    assertEquals(28, a.width());
  }

  @Test
  void everyAugmenterLoadsWithItsDefaults() {
    RunConfig config = load("""
          - random-resized-crop
          - horizontal-flip
          - color-jitter
          - random-grayscale
          - gaussian-blur
          - solarize
          - {name: normalize, mean: [0.5, 0.4, 0.3], std: [0.2]}
          - {name: resize, height: 32, width: 40}
        """);
    assertEquals(List.of(0.08, 1.0), config.augment().get(0).getDoubleList("scale"));
    assertEquals(3L, config.augment().get(4).getLong("kernel-size"));
    assertEquals(List.of(0.1, 2.0), config.augment().get(4).getDoubleList("sigma"));
    assertEquals(0.5, config.augment().get(5).getDouble("threshold"));
    Image out = pipeline(config).apply(TestImages.random(3, 28, 28, 2), new SplittableRandom(1));
    assertEquals(32, out.height());
    assertEquals(40, out.width());
  }

  /** Values the schema's types and ranges reject, each reported at its key's path. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{name: random-resized-crop, scale: [0, 1]}             | augment[0].scale",
      "{name: random-resized-crop, scale: [0.5, 1.5]}         | augment[0].scale",
      "{name: random-resized-crop, ratio: [-1, 2]}            | augment[0].ratio",
      "{name: random-resized-crop, size: 0}                   | augment[0].size",
      "{name: color-jitter, brightness: -0.1}                 | augment[0].brightness",
      "{name: color-jitter, hue: 0.7}                         | augment[0].hue",
      "{name: gaussian-blur, kernel-size: 0}                  | augment[0].kernel-size",
      "{name: gaussian-blur, sigma: [0, 1]}                   | augment[0].sigma",
      "{name: solarize, threshold: 1.5}                       | augment[0].threshold",
      "{name: normalize, mean: 0.5, std: 0}                   | augment[0].std",
      "{name: normalize, mean: 0.5, std: [0.3, -1]}           | augment[0].std",
      "{name: normalize, std: 0.3}                            | augment[0].mean",
      "{name: horizontal-flip, probability: 0.5}              | augment[0].probability",
      "{name: resize, size: big}                              | augment[0].size"})
  void schemaRejectsBadValuesNamingTheKey(String section, String path) {
    ConfigException e = assertThrows(ConfigException.class, () -> load("  - " + section + "\n"));
    assertEquals(path, e.problems().get(0).path(), e.getMessage());
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }

  /** Values only the factory can check (oddness, order, combinations), reported at the key's path. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{name: gaussian-blur, kernel-size: 4}                  | augment[0].kernel-size | odd",
      "{name: gaussian-blur, sigma: [2, 1]}                   | augment[0].sigma       | min",
      "{name: random-resized-crop, scale: [0.9, 0.2]}         | augment[0].scale       | min",
      "{name: random-resized-crop, scale: [0.5]}              | augment[0].scale       | [min, max]",
      "{name: random-resized-crop, size: 28, width: 20}       | augment[0].size        | not both",
      "{name: random-resized-crop, height: 28}                | augment[0].width       | both",
      "{name: resize}                                         | augment[0].size        | required",
      "{name: normalize, mean: [0.1, 0.2], std: [1, 2, 3]}    | augment[0].std         | mean"})
  void createRejectsInconsistentValuesNamingTheKey(String section, String path, String hint) {
    RunConfig config = load("  - " + section + "\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> registry.create(PluginKind.AUGMENTER, Augmenter.class, config.augment().get(0)));
    assertEquals(path, e.problems().get(0).path(), e.getMessage());
    assertTrue(e.getMessage().contains(hint), e.getMessage());
  }

  @Test
  void schemaKeySpecsCoerceAndRejectDirectly() {
    ConfigSchema crop = new RandomResizedCrop.Factory().schema();
    KeySpec scale = crop.key("scale").orElseThrow();
    assertEquals(List.of(0.2, 1.0), scale.type().coerce(List.of(0.2, 1)));
    assertThrows(IllegalArgumentException.class, () -> scale.type().coerce(List.of(0.0, 1.0)));
    assertThrows(IllegalArgumentException.class, () -> scale.type().coerce("1.01, 1"));
    KeySpec kernel = new GaussianBlur.Factory().schema().key("kernel-size").orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> kernel.type().coerce(-3));
    assertInstanceOf(Augmenter.class, new Resize.Factory().create(ConfigNode.of("augment[0]", Map.of("size", 32L))));
  }
}
