package io.pretext.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigProblem;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunConfigLoaderTest {
  private static final ConfigSchema TASK = ConfigSchema.builder()
      .optional("temperature", ValueType.positiveReal(), 0.5, "softmax temperature")
      .optional("views", ValueType.integer(2, 8), 2, "views per sample")
      .build();
  private static final ConfigSchema CROP = ConfigSchema.builder()
      .optional("scale", ValueType.listOf(ValueType.real(0, true, 1, false)), List.of(0.2, 1.0), "area range")
      .build();
  private static final ConfigSchema DATA = ConfigSchema.builder()
      .required("path", ValueType.string(), "data file")
      .optional("limit", ValueType.nonNegativeInt(), 0, "at most this many samples")
      .build();
  private static final MapPluginSchemas PLUGINS = new MapPluginSchemas(Map.of(
      PluginKind.PRETEXT_TASK.id(), Map.of("simclr", TASK, "context", ConfigSchema.empty()),
      PluginKind.AUGMENTER.id(), Map.of("random-crop", CROP, "flip", ConfigSchema.empty()),
      PluginKind.ENCODER.id(), Map.of("mlp", ConfigSchema.empty(), "resnet-mini", ConfigSchema.empty()),
      PluginKind.DATA_SOURCE.id(), Map.of("idx", DATA)));

  private static final String GOOD = """
      data: {name: idx, path: train.idx}
      pretext:
        name: simclr
        temperature: 0.2
      encoder: mlp
      augment:
        - {name: random-crop, scale: [0.3, 1.0], p: 0.8}
        - flip
      train:
        epochs: 3
      """;

  private final RunConfigLoader loader = new RunConfigLoader(PLUGINS);

  @Test
  void resolvesDefaultsAndShorthands() {
    RunConfig config = loader.load("good.yaml", GOOD, List.of());
    assertEquals("simclr", config.pretext().orElseThrow().getString("name"));
    assertEquals(0.2, config.pretext().orElseThrow().getDouble("temperature"));
    assertEquals(2, config.pretext().orElseThrow().getInt("views"));
    assertEquals("mlp", config.encoder().getString("name"));
    assertEquals(2, config.augment().size());
    assertEquals(List.of(0.3, 1.0), config.augment().get(0).getDoubleList("scale"));
    assertEquals(0.8, config.augment().get(0).getDouble("p"));
    assertEquals(1.0, config.augment().get(1).getDouble("p"));
    assertEquals("augment[1]", config.augment().get(1).path());
    assertEquals(3, config.train().getInt("epochs"));
    assertEquals(List.of(100L, 600L, 6000L), config.downstream().getLongList("labels"));
    assertEquals(0L, config.data().getLong("limit"));
  }

  @Test
  void resolvedYamlLoadsBackToTheSameConfig() {
    RunConfig config = loader.load("good.yaml", GOOD, List.of("downstream.labels=[50]"));
    RunConfig again = loader.load("resolved.yaml", config.toYaml(), List.of());
    assertEquals(config.root(), again.root());
    assertEquals(config.hash(), again.hash());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"augment=flip | 1", "augment=[flip] | 1", "augment=flip,flip | 2"})
  void setOnAListOfMapsReplacesTheWholeList(String override, int items) {
    RunConfig config = loader.load("good.yaml", GOOD, List.of(override));
    assertEquals(items, config.augment().size(), "replaced, not appended to the 2 items of the file");
    assertEquals("flip", config.augment().get(0).getString("name"));
  }

  @Test
  void setOfAYamlListWithMapsKeepsEachMapWhole() {
    RunConfig config = loader.load("good.yaml", GOOD,
        List.of("augment=[flip, {name: random-crop, scale: [0.5, 0.9], p: 0.25}, {name: flip, p: 0.5}]"));
    assertEquals(3, config.augment().size(), "the commas inside a map do not split it");
    assertEquals("flip", config.augment().get(0).getString("name"));
    assertEquals("random-crop", config.augment().get(1).getString("name"));
    assertEquals(List.of(0.5, 0.9), config.augment().get(1).getDoubleList("scale"));
    assertEquals(0.25, config.augment().get(1).getDouble("p"));
    assertEquals(0.5, config.augment().get(2).getDouble("p"));
    assertEquals(config.root(), loader.load("resolved.yaml", config.toYaml(), List.of()).root());
  }

  @Test
  void aYamlListIsValidatedLikeTheFile() {
    ConfigException typo = assertThrows(ConfigException.class,
        () -> loader.load("good.yaml", GOOD, List.of("augment=[{name: random-crop, scael: [0.5, 1]}]")));
    assertTrue(typo.getMessage().contains("augment[0].scael"), typo.getMessage());
    ConfigException broken = assertThrows(ConfigException.class,
        () -> loader.load("good.yaml", GOOD, List.of("augment=[{name: flip]")));
    assertTrue(broken.getMessage().contains("is not a YAML list"), broken.getMessage());
    assertFalse(broken.getMessage().contains("\tat "), broken.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "augment[99].p=1   | augment, which has 2 items (augment[0] to augment[1])",
      "augment[2].p=1    | augment, which has 2 items",
      "train.missing[0]=3 | train.missing, which is not a list"})
  void setPastTheEndOfAListIsRefusedNotAppended(String override, String says) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load("run.yaml", GOOD, List.of(override)));
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertTrue(e.getMessage().contains("--set " + override), e.getMessage());
  }

  @Test
  void mergeKeysWorkWithAnchorsHeldUnderAnXKey() {
    String yaml = """
        x-crop: &crop {name: random-crop, scale: [0.4, 1.0]}
        data: {name: idx, path: train.idx}
        pretext: simclr
        encoder: mlp
        augment:
          - {<<: *crop, p: 0.5}
          - <<: *crop
            scale: [0.6, 1.0]
        """;
    RunConfig config = loader.load("merge.yaml", yaml, List.of());
    assertEquals(List.of(0.4, 1.0), config.augment().get(0).getDoubleList("scale"));
    assertEquals(0.5, config.augment().get(0).getDouble("p"));
    assertEquals(List.of(0.6, 1.0), config.augment().get(1).getDoubleList("scale"), "a key beside the merge wins");
    assertFalse(config.toYaml().contains("x-crop"), "the anchor holder is not part of the resolved run");

    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("merge.yaml", yaml.replace("x-crop:", "defaults:"), List.of()));
    assertTrue(e.getMessage().contains("a top-level key named x-... is ignored"), e.getMessage());
  }

  @Test
  void resolvedYamlHasNoAnchorsForRepeatedEmptyLists() {
    String yaml = config("augment: []\ndownstream: {preprocess: []}\n");
    assertFalse(yaml.contains("&") || yaml.contains("*"), yaml);
  }

  private String config(String extra) {
    return loader.load("empty-lists.yaml", GOOD.replaceAll("(?s)augment:.*?- flip\n", "") + extra, List.of()).toYaml();
  }

  @Test
  void misspeltKeyNamesItsPathAndTheClosestKey() {
    String yaml = GOOD.replace("temperature: 0.2", "temperture: 0.2");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load("run.yaml", yaml, List.of()));
    ConfigProblem p = e.problems().get(0);
    assertEquals("pretext.temperture", p.path());
    assertEquals(4, p.line());
    assertTrue(e.getMessage().contains("did you mean 'pretext.temperature'"), e.getMessage());
    assertTrue(e.getMessage().contains("run.yaml"), e.getMessage());
  }

  @Test
  void misspeltSectionIsAnUnknownTopLevelKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", GOOD.replace("train:", "trian:"), List.of()));
    assertEquals("trian", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("did you mean 'train'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pretext.temperature=-1     | pretext.temperature | a number > 0          | -1",
      "pretext.temperature=warm   | pretext.temperature | a number > 0          | warm",
      "pretext.views=9            | pretext.views       | an integer in [2, 8]  | 9",
      "augment[0].p=1.5           | augment[0].p        | a number in [0, 1]    | 1.5",
      "augment.0.scale=0.5,2      | augment[0].scale    | a list of number      | [0.5, 2]",
      "train.epochs=0             | train.epochs        | an integer in [1      | 0",
      "downstream.enabled=maybe   | downstream.enabled  | a boolean             | maybe"})
  void wrongTypeOrRangeNamesKeyExpectationAndValue(String override, String path, String expected, String given) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load("run.yaml", GOOD, List.of(override)));
    ConfigProblem p = e.problems().get(0);
    assertEquals(path, p.path());
    assertTrue(p.message().contains(expected), p.message());
    assertTrue(p.message().contains("'" + given + "'"), p.message());
    assertTrue(p.message().contains("command line"), p.message());
  }

  @Test
  void wrongTypeInTheFileCarriesItsLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", GOOD.replace("epochs: 3", "epochs: three"), List.of()));
    assertEquals("train.epochs", e.problems().get(0).path());
    assertEquals(10, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("(line 10)"), e.getMessage());
  }

  @Test
  void missingRequiredKeysAreNamed() {
    String yaml = """
        data: {name: idx}
        encoder: mlp
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load("run.yaml", yaml, List.of()));
    List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
    assertTrue(paths.contains("data.path"), paths.toString());
    assertTrue(paths.contains("pretext"), paths.toString());
    assertTrue(e.getMessage().contains("known: context, simclr"), e.getMessage());
  }

  @Test
  void unknownPluginNameSuggestsTheClosest() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", GOOD.replace("encoder: mlp", "encoder: resnet-mni"), List.of()));
    assertEquals("encoder", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("no encoder plugin named 'resnet-mni' (did you mean 'resnet-mini'?)"), e.getMessage());
    assertTrue(e.getMessage().contains("known: mlp, resnet-mini"), e.getMessage());
  }

  @Test
  void globalTagIsRejectedNotInstantiated() {
    String yaml = GOOD + "output:\n  dir: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]\n";
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load("evil.yaml", yaml, List.of()));
    assertTrue(e.getMessage().contains("tag:yaml.org,2002:javax.script.ScriptEngineManager"), e.getMessage());
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    assertEquals(12, e.problems().get(0).line());
  }

  @Test
  void localTagIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", GOOD.replace("epochs: 3", "epochs: !custom 3"), List.of()));
    assertTrue(e.getMessage().contains("'!custom' is not allowed"), e.getMessage());
  }

  @Test
  void duplicateKeyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", GOOD + "train:\n  epochs: 4\n", List.of()));
    assertEquals("train", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("given twice (first at line 9)"), e.getMessage());
  }

  @Test
  void syntaxErrorGivesItsLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", "data: {name: idx\nencoder: mlp\n", List.of()));
    assertTrue(e.problems().get(0).line() > 0);
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
  }

  @Test
  void overridesReplaceAndAdd() {
    RunConfig config = loader.load("run.yaml", GOOD,
        List.of("train.epochs=7", "pretext.temperature=0.1", "data.limit=100", "output.name=x"));
    assertEquals(7, config.train().getInt("epochs"));
    assertEquals(100, config.data().getInt("limit"));
    assertEquals(0.1, config.pretext().orElseThrow().getDouble("temperature"));
    assertEquals("x", config.output().getString("name"));
    assertFalse(config.head().isPresent());
  }

  @Test
  void overrideOfAKeyTheNewPluginLacksIsAnUnknownKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load("run.yaml", GOOD, List.of("pretext.name=context")));
    assertEquals("pretext.temperature", e.problems().get(0).path());
  }

  @Test
  void malformedOverrideIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load("run.yaml", GOOD, List.of("train.epochs")));
    assertTrue(e.getMessage().contains("expected key=value"), e.getMessage());
  }

  @Test
  void missingFileIsAConfigError(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml"), List.of()));
    assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, GOOD);
    assertEquals(file.toString(), loader.load(file, List.of()).source());
  }
}
